import { describe, expect, it } from 'vitest'
import { createTestBench, expectNoisy, expectRefused, expectTranscript, num, numbers } from './testing/test-bench'

function setup(options: { noise?: boolean } = {}) {
  const t = createTestBench(options)
  return { ...t, s: t.client('supply'), load: t.client('load') }
}

describe('power supply: E3631A / E36312A', () => {
  it('powers up in the *RST state', async () => {
    await expectTranscript(setup().s, [
      ['VOLT? (@1:3)', '+0.00000000E+00,+0.00000000E+00,+0.00000000E+00'],
      ['CURR? (@1,2,3)', '+5.00000000E+00,+1.00000000E+00,+1.00000000E+00'],
      ['OUTP? (@1:3)', '0,0,0'],
    ])
  })

  it('APPLy sets voltage and current; APPLy? answers a quoted pair', async () => {
    const { s, model } = setup()
    await s.ask('APPL P6V,5,1')
    expect(await s.ask('APPL? P6V')).toBe('"5.000000,1.000000"')
    await s.ask('APPLY P25V, 12.5')
    expect(await s.ask('APPL? P25V')).toBe('"12.500000,1.000000"')
    expect(model.supply.channel(1).voltageSetpoint).toBe(5)
    expect(model.supply.channel(2).voltageSetpoint).toBe(12.5)
  })

  it('INSTrument selects the channel that commands without a channel list act on', async () => {
    const { s, model } = setup()
    await expectTranscript(s, [
      ['INST P25V;:VOLT 20', null],
      ['INST?;:INST:NSEL?', 'P25V;+2'],
      ['INST:NSEL 3;:VOLT -5', null],
      ['INST CH1;:VOLT 3.3', null],
      ['INST?', 'P6V'],
    ])
    expect([1, 2, 3].map((n) => model.supply.channel(n).voltageSetpoint)).toEqual([3.3, 20, -5])
    await expectRefused(s, [
      ['INST:NSEL 4', -222],
      ['INST P12V', -141],
    ])
  })

  it('takes the long forms, units and channel lists', async () => {
    const { s, model } = setup()
    await s.ask('SOURce:VOLTage:LEVel:IMMediate:AMPLitude 2500 mV,(@1)')
    await s.ask('CURR 250mA,(@1,2)')
    expect(model.supply.channel(1).voltageSetpoint).toBe(2.5)
    expect(await s.ask('CURR? (@1:2)')).toBe('+2.50000000E-01,+2.50000000E-01')
    await s.ask('VOLT MAX,(@1);:CURR MIN,(@2)')
    expect(await s.ask('VOLT? (@1);CURR? (@2)')).toBe('+6.18000000E+00;+0.00000000E+00')
  })

  it('refuses out-of-range values with −222 and changes nothing', async () => {
    const { s, model } = setup()
    await s.ask('VOLT 5,(@1)')
    await expectRefused(s, [
      ['VOLT 6.19,(@1)', -222],
      ['VOLT 26,(@2)', -222],
      ['VOLT 1,(@3)', -222],
      ['VOLT 6,(@1,2,3)', -222],
      ['CURR 5.2,(@1)', -222],
      ['CURR 1.1,(@2)', -222],
      ['APPL P6V,7,1', -222],
      ['VOLT 1,(@4)', -222],
    ])
    expect(model.supply.channel(1).voltageSetpoint).toBe(5)
    expect(model.supply.channel(2).voltageSetpoint).toBe(0)
    expect(model.supply.channel(1).currentLimit).toBe(5)
    await s.ask('VOLT -25.75,(@3)')
    expect(model.supply.channel(3).voltageSetpoint).toBe(-25.75)
  })

  it('OUTPut without a list switches every output; with a list only those', async () => {
    await expectTranscript(setup().s, [
      ['OUTP ON', null],
      ['OUTP? (@1:3)', '1,1,1'],
      ['OUTP OFF,(@2,3)', null],
      ['OUTP? (@1:3)', '1,0,0'],
      ['OUTPut:STATe 0', null],
      ['OUTP?', '0'],
    ])
  })

  it('MEASure reads back the DUT input voltage and current', async () => {
    const { s, load, model } = setup()
    await s.ask('APPL P6V,5,1;:OUTP ON,(@1)')
    await load.ask('CURR 0.2;INP ON')
    expect(num(await s.ask('MEAS:VOLT? P6V'))).toBe(5)
    expect(num(await s.ask('MEAS:VOLT? (@1)'))).toBe(5)
    expect(num(await s.ask('MEAS?'))).toBe(5)
    const current = num(await s.ask('MEAS:CURR? (@1)'))
    expect(current).toBeCloseTo(0.2 + model.dut.iq, 8)
    expect(numbers(await s.ask('MEAS:SCAL:VOLT:DC? (@1:2)'))).toEqual([5, 0])
  })

  it('readback carries seeded noise of about 0.5 mV when noise is on', async () => {
    const { s } = setup({ noise: true })
    await s.ask('APPL P6V,5,1;:OUTP ON,(@1)')
    await expectNoisy(s, 'MEAS:VOLT? (@1)', { count: 50, center: 5, tolerance: 0.005, distinct: 40 })
  })

  it('ISUMmary<n>:CONDition? answers 2 in CV, 1 in CC and 0 when off', async () => {
    const { s, load, clock } = setup()
    expect(await s.ask('STAT:QUES:INST:ISUM1:COND?')).toBe('+0')
    await s.ask('APPL P6V,5,1;:OUTP ON,(@1)')
    expect(await s.ask('STATus:QUEStionable:INSTrument:ISUMmary1:CONDition?')).toBe('+2')
    await s.ask('CURR 0.1,(@1)')
    await load.ask('CURR 0.3;INP ON')
    await clock.wait(0.1)
    expect(await s.ask('STAT:QUES:INST:ISUM1:COND?')).toBe('+1')
    expect(await s.ask('STAT:QUES:INST:ISUM2:COND?')).toBe('+0')
    expect(await s.ask('STAT:QUES:INST:ISUM4:COND?')).toBeNull()
    expect(await s.errors()).toEqual([-114])
  })

  it('over-voltage protection trips the output and latches until cleared', async () => {
    const { s, model } = setup()
    await s.ask('VOLT 5,(@1);:OUTP ON,(@1)')
    await s.ask('VOLT:PROT 4,(@1)')
    expect(await s.ask('VOLT:PROT? (@1);:VOLT:PROT:TRIP? (@1)')).toBe('+4.00000000E+00;1')
    expect(model.supply.channel(1).output).toBe(false)
    await expectRefused(s, [['OUTP ON,(@1)', -221]])
    await expectTranscript(s, [
      ['VOLT 3,(@1);:OUTP:PROT:CLE (@1);:OUTP ON,(@1)', null],
      ['VOLT:PROT:TRIP? (@1);:OUTP? (@1)', '0;1'],
    ])
    await expectRefused(s, [['VOLT:PROT 7,(@1)', -222]])
  })

  it('*RST: 0 V, limits 5/1/1 A, outputs off, P6V selected, protection cleared', async () => {
    const { s } = setup()
    await s.ask('APPL P25V,10,0.5;:OUTP ON;:VOLT:PROT 1,(@1);:VOLT 2,(@1);:OUTP ON,(@1)')
    await s.ask('*RST')
    expect(await s.ask('VOLT? (@1:3);CURR? (@1:3);OUTP? (@1:3);:INST?;:VOLT:PROT:TRIP? (@1)')).toBe(
      '+0.00000000E+00,+0.00000000E+00,+0.00000000E+00;+5.00000000E+00,+1.00000000E+00,+1.00000000E+00;0,0,0;P6V;0',
    )
    expect(await s.errors()).toEqual([-221])
  })

  it('the seed names VOLT, CURR, OUTP, MEAS:VOLT?, MEAS:CURR? work on the selected output', async () => {
    const { s } = setup()
    await s.ask('VOLT 4.5')
    await s.ask('CURR 0.8')
    await s.ask('OUTP ON')
    expect(await s.ask('VOLT?;CURR?;OUTP?')).toBe('+4.50000000E+00;+8.00000000E-01;1')
    expect(num(await s.ask('MEAS:VOLT?'))).toBe(4.5)
    expect(num(await s.ask('MEAS:CURR?'))).toBeGreaterThan(0)
    expect(await s.errors()).toEqual([])
  })
})
