import { describe, expect, it } from 'vitest'
import { formatLakeShore } from './chamber'
import { createTestBench, expectRefused, expectTranscript, num } from './testing/test-bench'

function setup() {
  const t = createTestBench()
  return { ...t, c: t.client('chamber') }
}

describe('chamber: ThermoStream dialect', () => {
  it('reads the air temperature as NR2 and takes a setpoint', async () => {
    const { c, model } = setup()
    expect(await c.ask('TEMP?')).toBe('25.00')
    expect(await c.ask('SETP 85')).toBeNull()
    expect(await c.ask('SETP?')).toBe('85.00')
    expect(model.chamber.setpoint).toBe(85)
    expect(await c.errors()).toEqual([])
  })

  it('refuses a setpoint outside −75…200 °C with −222 and keeps the old one', async () => {
    const { c, model } = setup()
    await c.ask('SETP 40')
    await expectRefused(c, [
      ['SETP 201', -222],
      ['SETP -76', -222],
    ])
    expect(model.chamber.setpoint).toBe(40)
  })

  it('sets and reads ramp rate, stability window and soak time', async () => {
    const { c, model } = setup()
    await c.ask('RAMP 5;WNDW 0.2;SOAK 10')
    expect(await c.ask('RAMP?;WNDW?;SOAK?')).toBe('5.00;0.20;10')
    expect([model.chamber.rampRate, model.chamber.stabilityWindow, model.chamber.stabilityTime]).toEqual([5, 0.2, 10])
    await c.ask('RAMP 0;WNDW -1;SOAK -1')
    expect(await c.errors()).toEqual([-222, -222, -222])
    expect(model.chamber.rampRate).toBe(5)
  })

  it('reports TECR? 2 while moving and 1 once stable for the soak time', async () => {
    const { c, clock } = setup()
    await c.ask('SETP 30;SOAK 10')
    expect(await c.ask('TECR?')).toBe('2')
    await clock.wait(30 + 5 * 30 + 10)
    expect(await c.ask('TECR?')).toBe('1')
    await c.ask('SETP 31')
    expect(await c.ask('TECR?')).toBe('2')
  })

  it('FLOW 0 and HEAD 0 take the air off the DUT; FLOW?/HEAD? answer 0/1', async () => {
    const { c, model } = setup()
    expect(await c.ask('FLOW?;HEAD?')).toBe('1;1')
    await c.ask('FLOW 0')
    expect(model.chamber.enabled).toBe(false)
    await c.ask('FLOW 1;HEAD 0')
    expect(await c.ask('FLOW?;HEAD?')).toBe('1;0')
    expect(model.chamber.enabled).toBe(false)
    await c.ask('HEAD 1')
    expect(model.chamber.enabled).toBe(true)
  })

  it('LLIM/ULIM narrow the accepted setpoints', async () => {
    const { c, model } = setup()
    await expectTranscript(c, [
      ['LLIM -40;ULIM 125', null],
      ['LLIM?;ULIM?', '-40.00;125.00'],
    ])
    await expectRefused(c, [
      ['SETP 130', -222],
      ['SETP -45', -222],
      ['ULIM 250', -222],
    ])
    expect(model.chamber.setpoint).toBe(25)
    await c.ask('SETP 125')
    expect(model.chamber.setpoint).toBe(125)
  })

  it('accepts %RM, %GL and %LL silently', async () => {
    const { c } = setup()
    expect(await c.ask('%RM;%GL;%LL')).toBeNull()
    expect(await c.errors()).toEqual([])
  })

  it('*RST restores setpoint, ramp, window, soak, limits, flow and head but not the error queue', async () => {
    const { c, model } = setup()
    await c.ask('SETP 90;RAMP 3;WNDW 1;SOAK 5;LLIM 0;FLOW 0;HEAD 0;SETP 500')
    await c.ask('*RST')
    expect(await c.ask('SETP?;RAMP?;WNDW?;SOAK?;LLIM?;ULIM?;FLOW?;HEAD?')).toBe('25.00;10.00;0.50;30;-75.00;200.00;1;1')
    expect(model.chamber.enabled).toBe(true)
    expect(await c.errors()).toEqual([-222])
  })
})

describe('chamber: Watlow F4T aliases', () => {
  it('reads the process value and sets the loop 1 setpoint and ramp rate', async () => {
    const { c, model } = setup()
    expect(await c.ask(':SOURce:CLOop1:PVALue?')).toBe('25.00')
    await c.ask(':SOURce:CLOop1:SPOint 60')
    expect(await c.ask(':SOUR:CLO1:SPO?')).toBe('60.00')
    await c.ask('SOUR:CLO:RRAT 4')
    expect(await c.ask(':SOURCE:CLOOP1:RRATE?')).toBe('4.00')
    expect([model.chamber.setpoint, model.chamber.rampRate]).toEqual([60, 4])
  })

  it('has one loop: CLOop2 is −114', async () => {
    const { c } = setup()
    expect(await c.ask(':SOUR:CLO2:PVAL?')).toBeNull()
    expect(await c.errors()).toEqual([-114])
  })
})

describe('chamber: LakeShore 331 aliases', () => {
  it('formats kelvin as +077.350', () => {
    expect(formatLakeShore(77.35)).toBe('+077.350')
    expect(formatLakeShore(298.15)).toBe('+298.150')
    expect(formatLakeShore(-5.5)).toBe('-005.500')
  })

  it('KRDG? A reads the air in kelvin, CRDG? A in °C, sensor B is the DUT case', async () => {
    const { c, model } = setup()
    expect(await c.ask('KRDG? A')).toBe('+298.150')
    expect(await c.ask('CRDG? A')).toBe('+025.000')
    expect(num(await c.ask('KRDG? B'))).toBeCloseTo(Math.round(model.dut.caseTemperature * 100) / 100 + 273.15, 6)
  })

  it('SETP 1,<K> sets the setpoint in kelvin; SETP? 1 answers kelvin, SETP? °C', async () => {
    const { c, model } = setup()
    await c.ask('SETP 1, 300')
    expect(model.chamber.setpoint).toBeCloseTo(26.85, 9)
    expect(await c.ask('SETP? 1')).toBe('+300.000')
    expect(await c.ask('SETP?')).toBe('26.85')
  })

  it('refuses loop 2 (−224) and a kelvin setpoint outside the range (−222)', async () => {
    const { c, model } = setup()
    await expectRefused(c, [
      ['SETP 2,300', -224],
      ['SETP 1,500', -222],
      ['SETP? 2', -224],
    ])
    expect(model.chamber.setpoint).toBe(25)
  })
})

describe('chamber: the seed project names', () => {
  it('TEMP:SETPOINT, TEMP:ACTUAL?, TEMP:STAB?, TEMP:RAMP', async () => {
    const { c, model, clock } = setup()
    await c.ask('TEMP:SETPOINT 27.5')
    expect(await c.ask('TEMP:SETPOINT?')).toBe('27.50')
    await c.ask('TEMP:RAMP 20')
    expect(await c.ask('TEMP:RAMP?')).toBe('20.00')
    expect(await c.ask('TEMP:STAB?')).toBe('0')
    await clock.wait(400)
    expect(await c.ask('TEMP:ACTUAL?')).toBe(model.chamber.temperature.toFixed(2))
    expect(await c.ask('TEMP:STAB?')).toBe('1')
  })
})
