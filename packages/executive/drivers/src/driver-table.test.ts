import { describe, expect, it } from 'vitest'
import { daqCommands } from './data-acquisition'
import { commandLine, defineDriverCommands } from './driver-table'
import { loadChannelCommands, loadSelectCommands } from './multi-channel-load'
import { p } from './params'
import { r } from './replies'

describe('commandLine', () => {
  const rows = defineDriverCommands({
    setVoltage: { scpi: 'VOLT {volts},{channel}', params: [p.channels('channel'), p.number('volts')] },
    mode: { scpi: 'STAT:QUES:INST:ISUM{channel}:COND?', params: [p.suffix('channel')], reply: r.number() },
    setSpeed: { scpi: 'SIM:SPE {speed}', params: [p.number('speed', { max: 'MAX' })] },
    disconnect: { scpi: 'SIM:FAUL:DISC {target},{seconds}', params: [p.word('target'), p.number('seconds')] },
    setFlow: { scpi: 'FLOW {on}', params: [p.bit('on')] },
    pause: { scpi: 'SIM:PAUS' },
  })

  it('fills each placeholder with its param, whatever the order of the arguments', () => {
    expect(commandLine(rows.setVoltage, 1, 0.1 + 0.2)).toBe('VOLT 0.3,(@1)')
    expect(commandLine(rows.mode, 3)).toBe('STAT:QUES:INST:ISUM3:COND?')
    expect(commandLine(rows.setSpeed, 'max')).toBe('SIM:SPE MAX')
    expect(commandLine(rows.setSpeed, 600)).toBe('SIM:SPE 600')
    expect(commandLine(rows.disconnect, 'DMM', 30)).toBe('SIM:FAUL:DISC DMM,30')
    expect(commandLine(rows.setFlow, false)).toBe('FLOW 0')
    expect(commandLine(rows.pause)).toBe('SIM:PAUS')
  })

  it('refuses a value no instrument could take', () => {
    expect(() => commandLine(rows.setVoltage, 1, Number.NaN)).toThrow(RangeError)
    expect(() => commandLine(rows.mode, 0)).toThrow(/suffix 0/)
  })
})

describe('defineDriverCommands', () => {
  it('refuses a row whose placeholders and params do not match', () => {
    const define = (scpi: string, names: string[]) =>
      defineDriverCommands({ row: { scpi, params: names.map((name) => p.number(name)) } })
    expect(() => define('VOLT {volts}', [])).toThrow('the row row ("VOLT {volts}"): no param for {volts}')
    expect(() => define('VOLT', ['volts'])).toThrow('no {volts} for the param volts')
    expect(() => define('VOLT {v},{v}', ['v', 'v'])).toThrow('two params are called v')
    expect(() => define('VOLT {v}', ['v'])).not.toThrow()
  })
})

describe('replies', () => {
  it('parses numbers, words, registers and lists', () => {
    expect(r.number().parse('+3.29500000E+00')).toBe(3.295)
    expect(r.number({ max: 'MAX' }).parse('max')).toBe('max')
    expect(r.register((bits) => (bits & 1) === 1).parse('1')).toBe(true)
    expect(r.numbers().parse('+1.0E+00,+2.0E+00')).toEqual([1, 2])
    expect(r.flags().parse('1,0,1')).toEqual([true, false, true])
    expect(r.string().parse('"say ""hi"""')).toBe('say "hi"')
  })

  it('throws for a reply that does not fit', () => {
    expect(() => r.number().parse('bogus')).toThrow(/not a number/)
    expect(() => r.numbers().parse('+1.0E+00,bogus')).toThrow(/not a list of numbers/)
    expect(() => r.flags().parse('1,2')).toThrow(/not a list of 0 and 1/)
    expect(() => r.string().parse('LOT-A-003')).toThrow(/not a quoted string/)
    expect(() => r.opc().parse('0')).toThrow()
    expect(() => r.json().parse('{')).toThrow(SyntaxError)
  })
})

// The DAQ970A-style switch/measure unit and the multi-channel load are rows too.
describe('the tables of the sockets drivers', () => {
  it('write their lines', () => {
    expect(commandLine(daqCommands.closeChannels, [[101, 108]])).toBe('ROUT:CLOS (@101:108)')
    expect(commandLine(daqCommands.closedStates, [101, 102])).toBe('ROUT:CLOS? (@101,102)')
    expect(commandLine(daqCommands.configureVoltageDc, [101, [103, 105]])).toBe('CONF:VOLT:DC (@101,103:105)')
    expect(commandLine(daqCommands.configureVoltageDcRange, 103, 10)).toBe('CONF:VOLT:DC 10,(@103)')
    expect(commandLine(daqCommands.setNplc, [[101, 108]], 1)).toBe('VOLT:DC:NPLC 1,(@101:108)')
    expect(commandLine(daqCommands.setScan, [[101, 108]])).toBe('ROUT:SCAN (@101:108)')
    expect(commandLine(daqCommands.initiate)).toBe('INIT')
    expect(commandLine(daqCommands.fetch)).toBe('FETC?')
    expect(commandLine(daqCommands.measureVoltageDc, [101, 102])).toBe('MEAS:VOLT:DC? (@101,102)')
    expect(commandLine(loadSelectCommands.selectChannel, 2)).toBe('INST:NSEL 2')
    expect(commandLine(loadChannelCommands.setCurrent, 2, 0.5)).toBe('CURR 0.5,(@2)')
    expect(commandLine(loadChannelCommands.measureCurrent, 16)).toBe('MEAS:CURR? (@16)')
  })
})
