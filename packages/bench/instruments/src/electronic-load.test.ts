import { describe, expect, it } from 'vitest'
import { createTestBench, expectNoisy, expectRefused, expectTranscript, num } from './testing/test-bench'

async function setup(options: { noise?: boolean } = {}) {
  const t = createTestBench(options)
  await t.client('supply').ask('APPL P6V,5,1;:OUTP ON,(@1)')
  return { ...t, l: t.client('load') }
}

describe('electronic load: EL34143A', () => {
  it('powers up in CC, 0 A, input off', async () => {
    const { l } = await setup()
    expect(await l.ask('FUNC?;:CURR?;:INP?')).toBe('CURR;+0.00000000E+00;0')
  })

  it('constant current: draws the setpoint from the DUT once the input is on', async () => {
    const { l, model } = await setup()
    await l.ask('CURR 0.25')
    expect(model.load.current).toBe(0)
    await l.ask('INPut:STATe ON')
    expect(await l.ask('CURR?;:INP?')).toBe('+2.50000000E-01;1')
    expect(num(await l.ask('MEAS:CURR?'))).toBeCloseTo(0.25, 9)
    const volts = num(await l.ask('MEAS:VOLT?'))
    expect(volts).toBeCloseTo(model.dut.vout, 8)
    expect(num(await l.ask('MEAS:POW?'))).toBeCloseTo(volts * 0.25, 8)
  })

  it('constant resistance: I = V/R', async () => {
    const { l, model } = await setup()
    await l.ask('FUNC RES;:RES 33;:INP 1')
    expect(await l.ask('FUNC?;:RES?')).toBe('RES;+3.30000000E+01')
    expect(model.load.mode).toBe('CR')
    const volts = num(await l.ask('MEASure:SCALar:VOLTage:DC?'))
    expect(num(await l.ask('MEASure:SCALar:CURRent:DC?'))).toBeCloseTo(volts / 33, 8)
    await l.ask('SOURce:FUNCtion CURRent')
    expect(model.load.mode).toBe('CC')
  })

  it('takes units and MIN/MAX/DEF', async () => {
    const { l, model } = await setup()
    await l.ask('CURR 150 mA')
    expect(model.load.currentSetpoint).toBeCloseTo(0.15, 12)
    await l.ask('RES 2.2 KOHM')
    expect(model.load.resistance).toBeCloseTo(2200, 9)
    await expectTranscript(l, [
      ['CURR MAX;:RES MIN', null],
      ['CURR?;:RES?', '+6.00000000E+01;+5.00000000E-02'],
      ['CURR DEF;:RES DEF', null],
      ['CURR?;:RES?', '+0.00000000E+00;+1.00000000E+03'],
    ])
  })

  it('refuses out-of-range values with −222 and changes nothing', async () => {
    const { l, model } = await setup()
    await l.ask('CURR 0.1;:RES 10')
    await expectRefused(l, [
      ['CURR 61', -222],
      ['CURR -0.1', -222],
      ['RES 0.01', -222],
      ['RES 20000', -222],
      ['FUNC VOLT', -141],
    ])
    expect([model.load.currentSetpoint, model.load.resistance, model.load.mode]).toEqual([0.1, 10, 'CC'])
  })

  it('readback carries seeded noise when noise is on', async () => {
    const { l } = await setup({ noise: true })
    await l.ask('CURR 0.1;:INP ON')
    await expectNoisy(l, 'MEAS:CURR?', { count: 20, center: 0.1, tolerance: 0.001, distinct: 15 })
  })

  it('*RST: CC, 0 A, 1 kΩ, input off', async () => {
    const { l, model } = await setup()
    await l.ask('FUNC RES;:RES 5;:CURR 1;:INP ON')
    await l.ask('*RST')
    expect(await l.ask('FUNC?;:CURR?;:RES?;:INP?')).toBe('CURR;+0.00000000E+00;+1.00000000E+03;0')
    expect(model.load.input).toBe(false)
  })

  it('the seed names CURR, INP, MEAS:VOLT?, MEAS:CURR? work', async () => {
    const { l } = await setup()
    await l.ask('CURR 0.05')
    await l.ask('INP ON')
    expect(num(await l.ask('MEAS:CURR?'))).toBeCloseTo(0.05, 9)
    expect(num(await l.ask('MEAS:VOLT?'))).toBeGreaterThan(3)
    expect(await l.errors()).toEqual([])
  })
})

describe('electronic load: one channel per socket', () => {
  async function board() {
    const t = createTestBench({ sockets: 4 })
    await t.client('supply').ask('APPL P6V,5,2;:OUTP ON,(@1)')
    return { ...t, l: t.client('load') }
  }

  it('addresses channels by channel list and by INSTrument:NSELect; channel 1 is selected after *RST', async () => {
    const { l, model } = await board()
    expect(await l.ask('INST:NSEL?')).toBe('+1')
    await l.ask('CURR 0.1,(@2,3);:INP ON,(@2:3)')
    expect(await l.ask('CURR? (@1:4)')).toBe('+0.00000000E+00,+1.00000000E-01,+1.00000000E-01,+0.00000000E+00')
    expect(await l.ask('INP? (@1:4)')).toBe('0,1,1,0')
    await l.ask('INST:NSEL 4;:FUNC RES;:RES 50;:INP ON')
    expect(await l.ask('INST:NSEL?;:FUNC?;:RES?')).toBe('+4;RES;+5.00000000E+01')
    expect(model.socket(4).load.mode).toBe('CR')
    expect(model.socket(1).load.mode).toBe('CC')
    const currents = (await l.ask('MEAS:CURR? (@1:4)'))?.split(',').map(Number) ?? []
    expect(currents[0]).toBe(0)
    expect(currents[1]).toBeCloseTo(0.1, 9)
    expect(currents[3]).toBeCloseTo(model.socket(4).dut.vout / 50, 9)
    await l.ask('*RST')
    expect(await l.ask('INST:NSEL?;:INP? (@1:4)')).toBe('+1;0,0,0,0')
  })

  it('refuses a channel with no socket (−222) and changes nothing', async () => {
    const { l, model } = await board()
    await expectRefused(l, [
      ['INST:NSEL 5', -222],
      ['CURR 0.2,(@3:5)', -222],
      ['INP? (@9)', -222],
    ])
    expect(model.socket(3).load.currentSetpoint).toBe(0)
    expect(await l.ask('INST:NSEL?')).toBe('+1')
  })
})
