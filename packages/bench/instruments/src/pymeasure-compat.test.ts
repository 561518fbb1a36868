import { describe, expect, it } from 'vitest'
import { createTestBench, num, numbers } from './testing/test-bench'

// The exact strings PyMeasure 0.9 sends (pymeasure/instruments/{hp,agilent,lakeshore}), so its drivers work
// unmodified against the virtual bench.

async function poweredBench() {
  const t = createTestBench()
  await t.client('supply').ask('APPL P6V,5,1;:OUTP ON,(@1)')
  await t.client('load').ask('CURR 0.1;INP ON')
  await t.clock.wait(120)
  return t
}

describe('PyMeasure drivers', () => {
  it('HP34401A and Agilent34410A: MEAS:<fn>? DEF,DEF', async () => {
    const { client, model } = await poweredBench()
    const d = client('dmm')
    expect(num(await d.ask('MEAS:VOLT:DC? DEF,DEF'))).toBeCloseTo(model.dut.vout, 8)
    expect(num(await d.ask('MEAS:CURR:DC? DEF,DEF'))).toBeCloseTo(0.1, 9)
    expect(num(await d.ask('MEAS:RES? DEF,DEF'))).toBeCloseTo(model.thermistor.resistance, 3)
    expect(num(await d.ask('MEAS:FRES? DEF,DEF'))).toBeCloseTo(model.thermistor.resistance, 3)
    expect(await d.errors()).toEqual([])
  })

  it('Agilent34450A: configure_voltage(), voltage, voltage_range, mode, beep, check_errors', async () => {
    const { client, model } = await poweredBench()
    const d = client('dmm')
    expect(await d.ask(':SYST:ERR?')).toBe('+0,"No error"')
    await d.ask('*RST')
    // configure_voltage(): mode = 'voltage', resolution DEF, autorange
    await d.ask(':configure:VOLT')
    await d.ask(':SENS:VOLT:RES DEF')
    await d.ask(':SENS:VOLT:RANG:AUTO 1')
    expect(num(await d.ask(':READ?'))).toBeCloseTo(model.dut.vout, 8)
    expect(await d.ask(':configure?')).toBe('"VOLT +1.00000000E+01,+3.00000000E-06"')
    // voltage_range = 10, then read back
    await d.ask(':SENS:VOLT:RANG:AUTO 0;:SENS:VOLT:RANG 10')
    expect(num(await d.ask(':SENS:VOLT:RANG?'))).toBe(10)
    expect(num(await d.ask(':SENS:VOLT:RANG:AUTO?'))).toBe(0)
    await d.ask(':SENS:VOLT:RES 3e-05')
    expect(num(await d.ask(':SENS:VOLT:RES?'))).toBe(3e-5)
    await d.ask(':configure:CURR')
    await d.ask(':SENS:CURR:RES 1.5e-06')
    await d.ask(':SENS:CURR:RANG:AUTO 1')
    expect(num(await d.ask(':READ?'))).toBeCloseTo(0.1, 9)
    await d.ask(':configure:RES')
    await d.ask(':SENS:RES:RANG:AUTO 0;:SENS:RES:RANG 100000')
    expect(num(await d.ask(':READ?'))).toBeCloseTo(model.thermistor.resistance, 3)
    await d.ask(':configure:FRES')
    expect((await d.ask(':configure?'))?.startsWith('"FRES ')).toBe(true)
    await d.ask(':SYST:BEEP')
    expect(await d.errors()).toEqual([])
  })

  it('LakeShore331 against the chamber port: temperature_A, setpoint_1', async () => {
    const { client, model } = await poweredBench()
    const c = client('chamber')
    expect(numbers(await c.ask('KRDG? A'))[0]).toBeCloseTo(298.15, 1)
    await c.ask('SETP 1, 310')
    expect(num(await c.ask('SETP? 1'))).toBe(310)
    expect(model.chamber.setpoint).toBeCloseTo(36.85, 9)
    expect(await c.errors()).toEqual([])
  })
})
