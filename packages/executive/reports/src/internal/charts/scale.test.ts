import { describe, expect, it } from 'vitest'
import { displayUnit, formatTick, niceTicks } from './scale'

describe('niceTicks', () => {
  it('puts 1-2-5 ticks inside a padded range that follows the data', () => {
    const t = niceTicks(-40.02, 85.01, 7)
    expect(t.step).toBe(20)
    expect(t.values).toEqual([-40, -20, 0, 20, 40, 60, 80])
    expect(t.min).toBeLessThan(-40.02)
    expect(t.max).toBeGreaterThan(85.01)
    expect(t.min).toBeGreaterThan(-60)
  })

  it('handles small spans around a large offset (V_out in volts)', () => {
    const t = niceTicks(3.28425, 3.30476, 5)
    expect(t.step).toBeCloseTo(0.005, 12)
    expect(t.values.map((v) => formatTick(v, t.step))).toEqual(['3.285', '3.290', '3.295', '3.300', '3.305'])
  })

  it('widens a constant series instead of dividing by zero', () => {
    const t = niceTicks(3.3, 3.3)
    expect(t.max).toBeGreaterThan(t.min)
    expect(t.values.length).toBeGreaterThan(1)
    expect(t.values.every(Number.isFinite)).toBe(true)
  })
})

describe('formatTick', () => {
  it('uses the decimals of the step and a typographic minus', () => {
    expect(formatTick(-20, 20)).toBe('\u221220')
    expect(formatTick(0.25, 0.25)).toBe('0.25')
    expect(formatTick(1.5e-6, 5e-7)).toBe('0.0000015')
  })
})

describe('displayUnit', () => {
  it('scales volts, amperes and watts to a readable prefix', () => {
    expect(displayUnit('A', 0.5)).toEqual({ unit: 'mA', factor: 1e3 })
    expect(displayUnit('A', 4.2e-5)).toEqual({ unit: '\u00b5A', factor: 1e6 })
    expect(displayUnit('V', 3.3)).toEqual({ unit: 'V', factor: 1 })
    expect(displayUnit('ppm/\u00b0C', 0.2)).toEqual({ unit: 'ppm/\u00b0C', factor: 1 })
  })
})
