import { describe, expect, it } from 'vitest'
import { coverageFactor, twoSidedTailT } from './student-t'

describe("Student's t", () => {
  it.each([
    [1, 12.7062],
    [2, 4.30265],
    [4, 2.77645],
    [10, 2.22814],
    [30, 2.04227],
    [1000, 1.96234],
  ])('95 %% coverage factor at %i degrees of freedom is %f (tables)', (dof, k) => {
    expect(coverageFactor(0.95, dof)).toBeCloseTo(k, 4)
  })

  it('is the normal quantile for infinite degrees of freedom and grows without bound toward 0', () => {
    expect(coverageFactor(0.95, Number.POSITIVE_INFINITY)).toBeCloseTo(1.959964, 5)
    expect(coverageFactor(0.99, Number.POSITIVE_INFINITY)).toBeCloseTo(2.575829, 5)
    expect(coverageFactor(0.95, 0)).toBe(Number.POSITIVE_INFINITY)
    expect(coverageFactor(0.95, 0.2)).toBeGreaterThan(1000)
  })

  it('takes fractional degrees of freedom (Welch–Satterthwaite) between the neighbouring whole ones', () => {
    const k = coverageFactor(0.95, 4.5)
    expect(k).toBeLessThan(coverageFactor(0.95, 4))
    expect(k).toBeGreaterThan(coverageFactor(0.95, 5))
    expect(twoSidedTailT(k, 4.5)).toBeCloseTo(0.05, 10)
  })
})
