import { describe, expect, it } from 'vitest'
import { createPrng } from './prng'

const draw = (seed: number, n: number) => {
  const prng = createPrng(seed)
  return Array.from({ length: n }, () => prng.next())
}

describe('createPrng', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    expect(draw(42, 1000)).toEqual(draw(42, 1000))
    expect(draw(42, 10)).not.toEqual(draw(43, 10))
    expect(draw(0, 10)).not.toEqual(draw(2 ** 32, 10))
  })

  it('restarts on reseed, gaussians included', () => {
    const prng = createPrng(5)
    const first = [prng.gaussian(), prng.next(), prng.gaussian()]
    prng.reseed(5)
    expect([prng.gaussian(), prng.next(), prng.gaussian()]).toEqual(first)
    expect(prng.seed).toBe(5)
  })

  it('draws uniforms in [0, 1) and standard normal gaussians', () => {
    const prng = createPrng(7)
    const n = 200_000
    let sum = 0
    let sumSq = 0
    let min = 1
    let max = 0
    for (let i = 0; i < n; i++) {
      const u = prng.next()
      min = Math.min(min, u)
      max = Math.max(max, u)
      const g = prng.gaussian()
      sum += g
      sumSq += g * g
    }
    expect(min).toBeGreaterThanOrEqual(0)
    expect(max).toBeLessThan(1)
    expect(max - min).toBeGreaterThan(0.999)
    const mean = sum / n
    expect(Math.abs(mean)).toBeLessThan(0.01)
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(1, 2)
  })
})
