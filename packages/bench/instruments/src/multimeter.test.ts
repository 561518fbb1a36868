import { describe, expect, it } from 'vitest'
import { createTestBench, expectRefused, expectTranscript, num, numbers } from './testing/test-bench'

/** A powered DUT: 5 V in, 0.1 A load. */
async function setup(options: { noise?: boolean } = {}) {
  const t = createTestBench(options)
  await t.client('supply').ask('APPL P6V,5,1;:OUTP ON,(@1)')
  await t.client('load').ask('CURR 0.1;INP ON')
  // Long enough for the self-heating to settle (case τ = 5 s), so V_out holds still between readings.
  await t.clock.wait(120)
  return { ...t, d: t.client('dmm') }
}

describe('multimeter: readings', () => {
  it('reads the DUT output, the load current and the case thermistor', async () => {
    const { d, model } = await setup()
    expect(num(await d.ask('MEAS:VOLT:DC?'))).toBeCloseTo(model.dut.vout, 8)
    expect(num(await d.ask('MEASure:CURRent:DC?'))).toBeCloseTo(0.1, 9)
    expect(num(await d.ask('MEAS:RES?'))).toBeCloseTo(model.thermistor.resistance, 4)
    expect(num(await d.ask('MEAS:FRES?'))).toBeCloseTo(model.thermistor.resistance, 4)
    expect(model.dut.vout).toBeGreaterThan(3.2)
    expect(await d.errors()).toEqual([])
  })

  it('answers NR3 and the overload value beyond a fixed range', async () => {
    const { d } = await setup()
    expect(await d.ask('MEAS:VOLT:DC?')).toMatch(/^\+3\.\d{8}E\+00$/)
    expect(await d.ask('MEAS:VOLT:DC? 1')).toBe('+9.90000000E+37')
    expect(await d.ask('CONF:VOLT:DC 0.1;:READ?')).toBe('+9.90000000E+37')
  })

  it('a reading consumes NPLC/50 s × samples of simulated time (at once in max mode)', async () => {
    const { d, model } = await setup()
    const t0 = model.time
    await d.ask('MEAS:VOLT:DC?')
    expect(model.time - t0).toBeCloseTo(10 / 50, 9)
    await d.ask('VOLT:NPLC 100;:SAMP:COUN 5')
    const t1 = model.time
    const readings = numbers(await d.ask('READ?'))
    expect(readings).toHaveLength(5)
    expect(model.time - t1).toBeCloseTo(5 * 2, 9)
  })

  it('returns the average of V_out over the integration window', async () => {
    const { d, model } = await setup()
    await d.ask('CONF:VOLT:DC 10;:VOLT:NPLC 100')
    const t0 = model.time
    const i0 = model.integral('vout')
    const reading = num(await d.ask('READ?'))
    const average = (model.integral('vout') - i0) / (model.time - t0)
    expect(reading).toBeCloseTo(average, 8)
  })

  it('noise is seeded: σ ≈ 1.5 ppm of range / √NPLC, and repeatable per seed', async () => {
    const run = async (seed: number) => {
      const t = createTestBench({ noise: true, seed })
      const d = t.client('dmm')
      await t.client('supply').ask('APPL P6V,5,1;:OUTP ON,(@1)')
      return numbers(await d.ask('CONF:VOLT:DC 10;:VOLT:NPLC 1;:SAMP:COUN 20;:READ?'))
    }
    const a = await run(7)
    expect(await run(7)).toEqual(a)
    expect(await run(8)).not.toEqual(a)
    const mean = a.reduce((s, v) => s + v, 0) / a.length
    const sigma = Math.sqrt(a.reduce((s, v) => s + (v - mean) ** 2, 0) / (a.length - 1))
    expect(sigma).toBeGreaterThan(3e-6)
    expect(sigma).toBeLessThan(40e-6)
  })
})

describe('multimeter: configuration', () => {
  it('CONFigure? reports function, range and resolution; CONF presets one sample', async () => {
    await expectTranscript((await setup()).d, [
      ['SAMP:COUN 4;:CONF:VOLT:DC 10', null],
      ['CONF?', '"VOLT +1.00000000E+01,+3.00000000E-06"'],
      ['SAMP:COUN?;:TRIG:COUN?;:TRIG:SOUR?', '+1;+1.00000000E+00;IMM'],
      ['CONF:CURR:DC 1,MAX', null],
      ['CONF?;:CURR:NPLC?', '"CURR +1.00000000E+00,+1.00000000E-04";+2.00000000E-02'],
      ['CONF:RES', null],
      ['FUNC?', '"RES"'],
    ])
  })

  it('ranges: a value picks the smallest range that holds it; MIN/MAX/DEF; above the largest is −222', async () => {
    const { d } = await setup()
    await expectTranscript(d, [
      ['VOLT:RANG 5', null],
      ['VOLT:RANG?;RANG:AUTO?', '+1.00000000E+01;0'],
      ['SENS:VOLT:DC:RANG MIN', null],
      ['VOLT:RANG?', '+1.00000000E-01'],
      ['CURR:RANG MAX;:RES:RANG 20 KOHM', null],
      ['CURR:RANG?;:RES:RANG?', '+3.00000000E+00;+1.00000000E+05'],
    ])
    await expectRefused(d, [
      ['VOLT:RANG 1001', -222],
      ['MEAS:VOLT:DC? 2000', -222],
    ])
    expect(await d.ask('VOLT:RANG?')).toBe('+1.00000000E-01')
  })

  it('autorange: ON picks the range per reading; ONCE holds the range for the present value', async () => {
    const { d } = await setup()
    await d.ask('VOLT:RANG 0.1;:VOLT:RANG:AUTO ON')
    await d.ask('READ?')
    await expectTranscript(d, [
      ['VOLT:RANG?;RANG:AUTO?', '+1.00000000E+01;1'],
      ['VOLT:RANG 1000;:VOLT:RANG:AUTO ONCE', null],
      ['VOLT:RANG?;RANG:AUTO?', '+1.00000000E+01;0'],
    ])
  })

  it('NPLC takes 0.02…100 (other values round up), MIN/MAX/DEF; resolution maps to NPLC', async () => {
    const { d } = await setup()
    await expectTranscript(d, [
      ['VOLT:NPLC 5', null],
      ['VOLT:NPLC?', '+1.00000000E+01'],
      ['VOLT:NPLC MIN', null],
      ['VOLT:NPLC?', '+2.00000000E-02'],
      ['VOLT:NPLC MAX;:VOLT:NPLC 200;:VOLT:NPLC 0.001', null],
    ])
    expect(await d.errors()).toEqual([-222, -222])
    await expectTranscript(d, [
      ['VOLT:NPLC?', '+1.00000000E+02'],
      ['CONF:VOLT:DC 10;:VOLT:RES 3e-5', null],
      ['VOLT:NPLC?;RES?', '+1.00000000E+00;+3.00000000E-05'],
    ])
  })

  it('FUNCtion takes quoted names; an unknown one is −224', async () => {
    const { d, model } = await setup()
    await d.ask('FUNC "CURR"')
    expect(await d.ask('FUNC?')).toBe('"CURR"')
    expect(num(await d.ask('READ?'))).toBeCloseTo(model.load.current, 9)
    await d.ask('SENS:FUNC "VOLT:DC"')
    expect(await d.ask('FUNC?')).toBe('"VOLT"')
    await d.ask('FUNC "VOLT:AC"')
    expect(await d.errors()).toEqual([-224])
  })

  it('*RST restores volts, autorange, 10 NPLC, one sample', async () => {
    const { d } = await setup()
    await d.ask('CONF:RES 1000;:RES:NPLC 100;:SAMP:COUN 3;:TRIG:COUN 2;:TRIG:SOUR BUS')
    await d.ask('*RST')
    expect(await d.ask('FUNC?;:VOLT:RANG:AUTO?;:VOLT:NPLC?;:SAMP:COUN?;:TRIG:SOUR?')).toBe(
      '"VOLT";1;+1.00000000E+01;+1;IMM',
    )
  })
})

describe('multimeter: trigger system', () => {
  it('READ? takes trigger count × sample count readings', async () => {
    const { d } = await setup()
    await d.ask('TRIG:COUN 2;:SAMP:COUN 3')
    expect(numbers(await d.ask('READ?'))).toHaveLength(6)
    await d.ask('TRIG:COUN 1000;:SAMP:COUN 1000')
    expect(await d.ask('READ?')).toBeNull()
    expect(await d.errors()).toEqual([-221])
  })

  it('INITiate then FETCh?; FETCh? without INITiate is −230; *OPC? waits for the readings', async () => {
    const { d, model } = await setup()
    expect(await d.ask('FETC?')).toBeNull()
    expect(await d.errors()).toEqual([-230])
    await d.ask('SAMP:COUN 2')
    expect(await d.ask('INIT;*OPC?')).toBe('1')
    const fetched = numbers(await d.ask('FETC?'))
    expect(fetched).toHaveLength(2)
    expect(fetched[0]).toBeCloseTo(model.dut.vout, 6)
    expect(numbers(await d.ask('FETC?'))).toEqual(fetched)
  })

  it('with TRIGger:SOURce BUS an INITiate waits for *TRG; READ? is −214', async () => {
    const { d, model, client } = await setup()
    const other = client('dmm')
    await d.ask('TRIG:SOUR BUS;:INIT')
    const t0 = model.time
    const fetching = d.ask('FETC?')
    expect(model.time).toBe(t0)
    await other.ask('*TRG')
    expect(num(await fetching)).toBeCloseTo(model.dut.vout, 6)
    expect(await d.ask('READ?')).toBeNull()
    expect(await d.errors()).toEqual([-214])
  })

  it('*RST aborts an armed measurement (−213 on the waiting FETCh?)', async () => {
    const { d, client } = await setup()
    await d.ask('TRIG:SOUR BUS;:INIT')
    const fetching = d.ask('FETC?')
    await client('dmm').ask('*RST')
    expect(await fetching).toBeNull()
    expect(await d.errors()).toEqual([-213])
  })

  it('accepts SYSTem:BEEPer', async () => {
    const { d } = await setup()
    expect(await d.ask('SYST:BEEP;:SYSTEM:BEEPER:IMMEDIATE')).toBeNull()
    expect(await d.errors()).toEqual([])
  })
})
