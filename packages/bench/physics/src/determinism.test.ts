import { describe, expect, it } from 'vitest'
import type { BenchModel } from './bench-model'
import { poweredModel } from './testing/test-model'

/** A fixed script of settings, waits and readings of every kind; returns every reading and the end state. */
function script(model: BenchModel): { readings: number[]; state: string } {
  const readings: number[] = []
  const noise = model.instrumentNoise
  const read = () => {
    readings.push(
      noise.dmmReading(model.dut.vout, { function: 'VOLT', range: 'AUTO', nplc: 10 }).value,
      noise.dmmReading(model.dut.iout, { function: 'CURR', range: 1, nplc: 1 }).value,
      noise.dmmReading(model.thermistor.resistance, { function: 'RES', range: 'AUTO', nplc: 1 }).value,
      noise.supplyReadback(model.supply.channel(1).voltage, 'VOLT'),
      noise.supplyReadback(model.supply.channel(1).current, 'CURR'),
      noise.loadReadback(model.load.voltage, 'VOLT'),
      noise.chamberTemperature(model.chamber.temperature),
    )
  }
  for (const setpoint of [-40, 25, 85, 125]) {
    model.chamber.setpoint = setpoint
    model.advance(123.456)
    read()
    model.load.currentSetpoint = 0.05 + setpoint / 1000
    model.advance(0.2)
    read()
  }
  return { readings, state: JSON.stringify(model.snapshot()) }
}

describe('determinism', () => {
  it('gives bit-identical readings and state for the same seed', () => {
    const a = script(poweredModel(5, 0.1, { seed: 1234 }))
    const b = script(poweredModel(5, 0.1, { seed: 1234 }))
    expect(a.readings.length).toBe(56)
    expect(b.readings).toStrictEqual(a.readings)
    expect(b.state).toBe(a.state)
  })

  it('gives different readings (same physics) for a different seed', () => {
    const a = script(poweredModel(5, 0.1, { seed: 1 }))
    const b = script(poweredModel(5, 0.1, { seed: 2 }))
    expect(b.state).toBe(a.state)
    const differing = a.readings.filter((r, i) => r !== b.readings[i]).length
    expect(differing).toBeGreaterThan(40)
  })

  it('repeats a run after setSeed + reset, and matches a fresh model with that seed', () => {
    const fresh = script(poweredModel(5, 0.1, { seed: 99 }))
    const model = poweredModel(5, 0.1, { seed: 1 })
    script(model)
    model.setSeed(99)
    model.reset()
    expect(model.seed).toBe(99)
    expect(model.time).toBe(0)
    const ch1 = model.supply.channel(1)
    ch1.voltageSetpoint = 5
    ch1.currentLimit = 5
    ch1.output = true
    model.load.currentSetpoint = 0.1
    model.load.input = true
    expect(script(model)).toStrictEqual(fresh)
  })

  it('reads exact true values with noise off', () => {
    const model = poweredModel(5, 0.1, { noise: false })
    const { readings } = script(model)
    const again = script(poweredModel(5, 0.1, { noise: false, seed: 77 }))
    expect(again.readings).toStrictEqual(readings)
    model.advance(1)
    const noise = model.instrumentNoise
    expect(noise.dmmReading(model.dut.vout, { function: 'VOLT', range: 10, nplc: 1 }).value).toBe(model.dut.vout)
    expect(noise.supplyReadback(model.supply.channel(1).voltage, 'VOLT')).toBe(5)
    model.noise = true
    expect(noise.supplyReadback(5, 'VOLT')).not.toBe(5)
  })
})
