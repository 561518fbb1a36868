import { describe, expect, it } from 'vitest'
import { computeTempco, linearFit, mean } from './analysis'

describe('linearFit', () => {
  it('recovers an exact line with zero residual', () => {
    const fit = linearFit([0, 1, 2, 3], [1, 3, 5, 7])
    expect(fit.slope).toBeCloseTo(2, 12)
    expect(fit.intercept).toBeCloseTo(1, 12)
    expect(fit.rmsResidual).toBeCloseTo(0, 12)
    expect(fit.at(10)).toBeCloseTo(21, 12)
  })

  it('reports the RMS residual of scattered points', () => {
    const fit = linearFit([0, 1, 2, 3], [0, 1, 0, 1])
    expect(fit.slope).toBeCloseTo(0.2, 12)
    expect(fit.rmsResidual).toBeCloseTo(Math.sqrt(0.2), 12)
  })

  it('gives NaN for fewer than two distinct x', () => {
    expect(linearFit([1], [1]).slope).toBeNaN()
    expect(linearFit([2, 2], [1, 3]).slope).toBeNaN()
    expect(mean([])).toBeNaN()
  })
})

describe('computeTempco', () => {
  const tc = 50e-6
  const v = (t: number) => 3.295 * (1 + tc * (t - 25))
  const points = [-40, -20, 0, 25, 50, 85].map((t) => ({ setpoint: t, temperature: t, vout: v(t) }))

  it('recovers the tempco by least squares and by the box method', () => {
    const result = computeTempco(points)
    expect(result.tempcoPpmPerC).toBeCloseTo(50, 9)
    expect(result.boxPpmPerC).toBeCloseTo(50, 9)
    expect(result.vout25).toBe(v(25))
    expect(result.residualUv).toBeCloseTo(0, 6)
  })

  it('uses the fit at 25 °C when 25 °C is not a point', () => {
    const result = computeTempco(points.filter((p) => p.setpoint !== 25))
    expect(result.vout25).toBeCloseTo(v(25), 12)
    expect(result.tempcoPpmPerC).toBeCloseTo(50, 9)
  })

  it('reports a negative tempco with its sign by least squares', () => {
    const falling = points.map((p) => ({ ...p, vout: 3.3 * (1 - 20e-6 * (p.temperature - 25)) }))
    expect(computeTempco(falling).tempcoPpmPerC).toBeCloseTo(-20, 9)
    expect(computeTempco(falling).boxPpmPerC).toBeCloseTo(20, 9)
  })
})
