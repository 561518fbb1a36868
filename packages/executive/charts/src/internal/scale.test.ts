import { describe, expect, it } from 'vitest'
import { axisScale, extent, formatTick } from './scale'

describe('axisScale', () => {
  it('puts 1-2-5 ticks inside a padded range that follows the data', () => {
    const a = axisScale(-40.02, 85.01, [0, 500], { count: 7 })
    expect(a.step).toBe(20)
    expect(a.ticks).toEqual([-40, -20, 0, 20, 40, 60, 80])
    expect(a.domain[0]).toBeLessThan(-40.02)
    expect(a.domain[0]).toBeGreaterThan(-60)
    expect(a.domain[1]).toBeGreaterThan(85.01)
    expect(a.scale(a.domain[0])).toBe(0)
    expect(a.invert(500)).toBeCloseTo(a.domain[1], 9)
  })

  it('handles small spans around a large offset (V_out in volts)', () => {
    const a = axisScale(3.28425, 3.30476, [200, 0], { count: 5 })
    expect(a.step).toBeCloseTo(0.005, 12)
    expect(a.ticks.map((v) => formatTick(v, a.step))).toEqual(['3.285', '3.290', '3.295', '3.300', '3.305'])
  })

  it('widens a constant or empty range instead of dividing by zero', () => {
    for (const [lo, hi] of [
      [3.3, 3.3],
      [0, 0],
      [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
    ] as const) {
      const a = axisScale(lo, hi, [0, 100])
      expect(a.domain[1]).toBeGreaterThan(a.domain[0])
      expect(a.ticks.length).toBeGreaterThan(1)
      expect(a.ticks.every(Number.isFinite)).toBe(true)
    }
  })
})

describe('formatTick and extent', () => {
  it('uses the decimals of the step and a typographic minus', () => {
    expect(formatTick(-20, 20)).toBe('\u221220')
    expect(formatTick(0.25, 0.25)).toBe('0.25')
    expect(formatTick(1.5e-6, 5e-7)).toBe('0.0000015')
  })

  it('finds the range of 100 000 values, ignoring non-finite ones', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => i)
    expect(extent([...values, Number.NaN])).toEqual([0, 99_999])
  })
})
