import { describe, expect, it } from 'vitest'
import { createTestBench, expectRefused, num, numbers } from './testing/test-bench'

const lot = {
  name: 'B1',
  size: 16,
  seed: 11,
  spread: { tempco_ppm_per_c: 10, nominal_output_voltage: 0.005 },
  corners: {},
}

/** Eight sockets at 5 V; socket n's load draws n × 10 mA. */
async function board(options: { noise?: boolean } = {}) {
  const t = createTestBench({ sockets: 8, lot, ...options })
  await t.client('supply').ask('APPL P6V,5,2;:OUTP ON,(@1)')
  const load = t.client('load')
  for (let n = 1; n <= 8; n++) await load.ask(`CURR ${n * 0.01},(@${n});:INP ON,(@${n})`)
  await t.clock.wait(120)
  return { ...t, mux: t.client('mux') }
}

describe('switch/measure unit: scans', () => {
  it('scans 8 channels in order: one reading per socket V_out, each integrating its NPLC in simulated time', async () => {
    const { mux, model } = await board()
    await mux.ask('CONF:VOLT:DC 10,(@101:108);:VOLT:DC:NPLC 10,(@101:108)')
    expect(await mux.ask('ROUT:SCAN?')).toBe('(@101,102,103,104,105,106,107,108)')
    expect(await mux.ask('ROUT:SCAN:SIZE?')).toBe('+8')
    const t0 = model.time
    const readings = numbers(await mux.ask('READ?'))
    expect(model.time - t0).toBeCloseTo(8 * (10 / 50), 9)
    expect(readings).toHaveLength(8)
    readings.forEach((volts, k) => {
      expect(volts).toBeCloseTo(model.socket(k + 1).dut.vout, 7)
    })
    // The parts differ (the lot's spread), so the order is visible in the readings.
    expect(new Set(readings).size).toBe(8)
    expect(await mux.errors()).toEqual([])
  })

  it('INIT then FETCh? returns the same scan; MEAS? configures and reads at once', async () => {
    const { mux, model } = await board()
    await mux.ask('ROUT:SCAN (@103,101)')
    await mux.ask('INIT')
    const fetched = numbers(await mux.ask('FETC?'))
    expect(fetched[0]).toBeCloseTo(model.socket(3).dut.vout, 7)
    expect(fetched[1]).toBeCloseTo(model.socket(1).dut.vout, 7)
    expect(numbers(await mux.ask('FETC?'))).toEqual(fetched)
    const t0 = model.time
    const measured = numbers(await mux.ask('MEAS:VOLT:DC? (@105,106)'))
    expect(model.time - t0).toBeCloseTo(2 * (1 / 50), 9)
    expect(measured[1]).toBeCloseTo(model.socket(6).dut.vout, 7)
    expect(await mux.ask('ROUT:SCAN?')).toBe('(@105,106)')
  })

  it('reads each socket input current on channel 2nn through its 1 V/A sense amplifier', async () => {
    const { mux, model } = await board()
    const readings = numbers(await mux.ask('MEAS:VOLT:DC? AUTO,(@201:208)'))
    readings.forEach((volts, k) => {
      const socket = model.socket(k + 1)
      expect(volts).toBeCloseTo((k + 1) * 0.01 + socket.dut.iq, 9)
    })
    expect(readings.reduce((a, b) => a + b, 0)).toBeCloseTo(model.supply.channel(1).current, 9)
  })

  it('measures each socket I_q with the loads off, on the 100 mV range', async () => {
    const { mux, model, client, clock } = await board()
    await client('load').ask('INP OFF,(@1:8)')
    await clock.wait(120) // the parts cool to the chamber air, and I_q with them
    const readings = numbers(await mux.ask('MEAS:VOLT:DC? 0.1,MIN,(@201:208)'))
    readings.forEach((volts, k) => {
      expect(Math.abs(volts - model.socket(k + 1).dut.iq)).toBeLessThan(1e-10)
    })
    expect(readings[0]).toBeGreaterThan(40e-6)
  })

  it('recovers socket 3 part tempco within ±1 ppm/°C of its truth, with noise on', async () => {
    const { mux, model, client } = await board({ noise: true })
    await client('load').ask('INP OFF,(@1:8)')
    const control = client('control')
    const truth = num(await control.ask('SIM:DUT:PAR? TEMPCO_PPM_PER_C,3'))
    expect(truth).not.toBe(50)
    await mux.ask('CONF:VOLT:DC 10,(@103);:VOLT:DC:NPLC 10,(@103)')
    const points: [number, number][] = []
    for (const celsius of [-40, 0, 25, 85, 125]) {
      await client('chamber').ask(`SETP ${celsius}`)
      await control.ask('SIM:WAIT 1800')
      const readings: number[] = []
      for (let i = 0; i < 5; i++) readings.push(num(await mux.ask('READ?')))
      points.push([model.chamber.temperature, readings.reduce((a, b) => a + b, 0) / readings.length])
    }
    const v25 = points[2]?.[1] as number
    const tMean = points.reduce((a, [t]) => a + t, 0) / points.length
    const vMean = points.reduce((a, [, v]) => a + v, 0) / points.length
    const slope =
      points.reduce((a, [t, v]) => a + (t - tMean) * (v - vMean), 0) /
      points.reduce((a, [t]) => a + (t - tMean) ** 2, 0)
    expect(Math.abs((slope / v25) * 1e6 - truth)).toBeLessThan(1)
  })

  it('draws its noise from the bench PRNG: σ ≈ 2 ppm of range / √NPLC, repeatable per seed', async () => {
    const scan = async (seed: number) => {
      const t = createTestBench({ sockets: 8, noise: true, seed })
      await t.client('supply').ask('APPL P6V,5,1;:OUTP ON,(@1)')
      const mux = t.client('mux')
      await mux.ask('CONF:VOLT:DC 10,(@101);:VOLT:DC:NPLC 1,(@101)')
      const readings: number[] = []
      for (let i = 0; i < 200; i++) readings.push(num(await mux.ask('READ?')))
      return readings
    }
    const a = await scan(5)
    expect(await scan(5)).toEqual(a)
    expect(await scan(6)).not.toEqual(a)
    const mean = a.reduce((x, y) => x + y, 0) / a.length
    const sigma = Math.sqrt(a.reduce((x, y) => x + (y - mean) ** 2, 0) / (a.length - 1))
    expect(sigma).toBeGreaterThan(14e-6)
    expect(sigma).toBeLessThan(26e-6)
  })
})

describe('switch/measure unit: relays and settings', () => {
  it('closes one channel at a time and reads the closed channel without a scan list', async () => {
    const { mux, model } = await board()
    await mux.ask('ROUT:CLOS (@104)')
    expect(await mux.ask('ROUT:CLOS? (@103,104)')).toBe('0,1')
    expect(await mux.ask('ROUT:OPEN? (@103,104)')).toBe('1,0')
    expect(num(await mux.ask('READ?'))).toBeCloseTo(model.socket(4).dut.vout, 7)
    await mux.ask('ROUT:OPEN (@104)')
    expect(await mux.ask('ROUT:CLOS? (@104)')).toBe('0')
  })

  it('reports ranges, NPLC and the configuration per channel; *RST restores them', async () => {
    const { mux } = await board()
    await mux.ask('CONF:VOLT:DC 1,3E-6,(@101,102)')
    expect(await mux.ask('VOLT:DC:RANG? (@101,103)')).toBe('+1.00000000E+00,+1.00000000E+01')
    expect(await mux.ask('VOLT:DC:NPLC? (@101,102)')).toBe('+1.00000000E+00,+1.00000000E+00')
    expect(await mux.ask('VOLT:DC:NPLC 15,(@102);:VOLT:DC:NPLC? (@102)')).toBe('+2.00000000E+01')
    expect(await mux.ask('CONF? (@101)')).toBe('"VOLT +1.00000000E+00,+3.00000000E-06"')
    expect(await mux.ask('VOLT:DC:RANG:AUTO? (@101,104)')).toBe('0,1')
    expect(await mux.ask('MEAS:VOLT:DC? 1,(@101)')).toBe('+9.90000000E+37')
    await mux.ask('*RST')
    expect(await mux.ask('ROUT:SCAN?')).toBe('(@)')
    expect(await mux.ask('VOLT:DC:RANG:AUTO? (@101)')).toBe('1')
  })

  it('refuses channels with no socket (−222) and conflicting settings (−221), changing nothing', async () => {
    const { mux } = await board()
    await mux.ask('ROUT:SCAN (@101)')
    await mux.ask('ROUT:CLOS (@102)')
    await expectRefused(mux, [
      ['ROUT:SCAN (@101:109)', -222],
      ['CONF:VOLT:DC (@117)', -222],
      ['MEAS:VOLT:DC? (@301)', -222],
      ['VOLT:DC:NPLC 10,(@209)', -222],
      ['ROUT:CLOS (@103)', -221],
      ['ROUT:CLOS (@105,106)', -221],
      ['CONF:VOLT:DC 10,1E-9,(@101)', -221],
      ['VOLT:DC:NPLC 500,(@101)', -222],
      ['CONF:VOLT:DC 10', -109],
    ])
    expect(await mux.ask('ROUT:SCAN?')).toBe('(@101)')
    expect(await mux.ask('ROUT:CLOS? (@102,103)')).toBe('1,0')
    await mux.ask('*RST')
    await expectRefused(mux, [
      ['READ?', -221],
      ['INIT', -221],
      ['FETC?', -230],
    ])
  })

  it('identifies itself as a DAQ970A', async () => {
    const { mux } = await board()
    expect(await mux.ask('*IDN?')).toBe('Keysight Technologies,DAQ970A-SIM,0,1.0.0')
  })
})
