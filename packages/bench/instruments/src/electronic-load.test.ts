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
