import { describe, expect, it } from 'vitest'
import {
  autoRange,
  createInstrumentNoise,
  DMM_OVERLOAD,
  type InstrumentNoise,
  quantize,
  selectDmmRange,
} from './instrument-noise'
import { PhysicsError } from './physics-error'
import { createPrng } from './prng'

/** Mean and σ of `n` draws, accumulated as deviations from `center` (no cancellation for tiny σ). */
function sampleSigma(n: number, draw: () => number, center = 0): { mean: number; sigma: number } {
  let sum = 0
  let sumSq = 0
  for (let i = 0; i < n; i++) {
    const x = draw() - center
    sum += x
    sumSq += x * x
  }
  const mean = sum / n
  return { mean: mean + center, sigma: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) }
}

describe('multimeter ranges', () => {
  it('autoranges to the smallest range ≥ |reading|·1.2', () => {
    expect(autoRange('VOLT', 3.3)).toBe(10)
    expect(autoRange('VOLT', 0.08)).toBe(0.1)
    expect(autoRange('VOLT', 0.09)).toBe(1)
    expect(autoRange('VOLT', -8)).toBe(10)
    expect(autoRange('VOLT', 9)).toBe(100)
    expect(autoRange('CURR', 0.1)).toBe(1)
    expect(autoRange('CURR', 0.005)).toBe(0.01)
    expect(autoRange('RES', 1058)).toBe(1e4)
    expect(autoRange('RES', 5e9)).toBe(1e8)
  })

  it('picks the smallest range holding a requested value and refuses beyond the largest', () => {
    expect(selectDmmRange('VOLT', 5)).toBe(10)
    expect(selectDmmRange('VOLT', 10)).toBe(10)
    expect(selectDmmRange('CURR', 2)).toBe(3)
    expect(selectDmmRange('RES', 100)).toBe(100)
    expect(() => selectDmmRange('VOLT', 1001)).toThrow(PhysicsError)
  })

  it('returns +9.9E+37 beyond range (over 120 % of it), also in autorange above the largest range', () => {
    const noise = createInstrumentNoise(createPrng(1), { enabled: false })
    expect(noise.dmmReading(3.3, { function: 'VOLT', range: 1, nplc: 10 })).toEqual({
      value: DMM_OVERLOAD,
      range: 1,
      overload: true,
    })
    expect(noise.dmmReading(1.19, { function: 'VOLT', range: 1, nplc: 10 }).value).toBe(1.19)
    expect(noise.dmmReading(1500, { function: 'VOLT', range: 'AUTO', nplc: 1 }).value).toBe(DMM_OVERLOAD)
    expect(noise.dmmReading(-4, { function: 'CURR', range: 'AUTO', nplc: 1 }).value).toBe(DMM_OVERLOAD)
    expect(noise.dmmReading(3.3, { function: 'VOLT', range: 'AUTO', nplc: 1 })).toEqual({
      value: 3.3,
      range: 10,
      overload: false,
    })
  })
})

describe('instrument noise', () => {
  const noisy = (): InstrumentNoise => createInstrumentNoise(createPrng(11))

  it('gives the multimeter σ = 1.5 ppm of range / √NPLC', () => {
    const noise = noisy()
    for (const [range, nplc] of [
      [10, 10],
      [1, 1],
      [0.1, 100],
    ] as const) {
      const read = () => noise.dmmReading(0.05, { function: 'VOLT', range, nplc }).value
      const { mean, sigma } = sampleSigma(40_000, read, 0.05)
      const expected = (1.5e-6 * range) / Math.sqrt(nplc)
      expect(sigma / expected).toBeGreaterThan(0.97)
      expect(sigma / expected).toBeLessThan(1.03)
      expect(Math.abs(mean - 0.05)).toBeLessThan((4 * expected) / Math.sqrt(40_000))
    }
  })

  it('gives supply and load readbacks σ 0.5 mV and 0.1 mA', () => {
    const noise = noisy()
    expect(sampleSigma(40_000, () => noise.supplyReadback(5, 'VOLT')).sigma).toBeCloseTo(0.5e-3, 4)
    expect(sampleSigma(40_000, () => noise.supplyReadback(0.1, 'CURR')).sigma).toBeCloseTo(0.1e-3, 5)
    expect(sampleSigma(40_000, () => noise.loadReadback(3.3, 'VOLT')).sigma).toBeCloseTo(0.5e-3, 4)
    expect(sampleSigma(40_000, () => noise.loadReadback(0.1, 'CURR')).sigma).toBeCloseTo(0.1e-3, 5)
  })

  it('reports the chamber with σ 0.02 °C at 0.01 °C resolution', () => {
    const noise = noisy()
    const readings = Array.from({ length: 40_000 }, () => noise.chamberTemperature(85.004))
    for (const r of readings.slice(0, 100)) expect(Math.round(r * 100) / 100).toBe(r)
    const { mean, sigma } = sampleSigma(readings.length, () => readings.pop() ?? 0)
    expect(sigma).toBeGreaterThan(0.019)
    expect(sigma).toBeLessThan(0.022)
    expect(Math.abs(mean - 85.004)).toBeLessThan(0.001)
  })

  it('with noise off returns exact values, still at the chamber resolution', () => {
    const noise = noisy()
    noise.enabled = false
    expect(noise.dmmReading(3.3012345, { function: 'VOLT', range: 10, nplc: 0.02 }).value).toBe(3.3012345)
    expect(noise.supplyReadback(5, 'VOLT')).toBe(5)
    expect(noise.loadReadback(0.1, 'CURR')).toBe(0.1)
    expect(noise.chamberTemperature(85.004)).toBe(85)
    expect(noise.chamberTemperature(-40.126)).toBe(-40.13)
    expect(noise.gaussian(1)).toBe(0)
    expect(quantize(3.33349, 0.001)).toBe(3.333)
  })
})
