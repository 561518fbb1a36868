import { createSeededRandom } from '@dvt/transports/testing'
import { describe, expect, it } from 'vitest'
import { FitSingularError, fitLeastSquares, type LeastSquaresProblem } from './least-squares'
import { linearRegression } from './statistics'
import { coverageFactor } from './student-t'

function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

const xs = [-40, -20, 0, 25, 50, 85]

/** A line through `xs` and a constant level sharing its intercept, with their own noise. */
function twoGroups(noise: () => number, level = 40): LeastSquaresProblem {
  const line = xs.map((x) => 3 + 0.02 * x + 0.5 * noise())
  const flat = Array.from({ length: level }, () => 3 + 4 * noise())
  return {
    parameters: [
      { name: 'intercept', initial: 0, scale: 1 },
      { name: 'slope', initial: 0, scale: 0.01 },
    ],
    groups: [
      { name: 'line', y: line, sdHint: 1 },
      { name: 'level', y: flat, sdHint: 1 },
    ],
    predict: ([b, m]) => [xs.map((x) => b! + m! * x), flat.map(() => b!)],
  }
}

describe('weighted least squares with a noise level per group', () => {
  it('is ordinary least squares for one group: the same slope, standard error and n − 2 degrees of freedom', () => {
    const noise = gaussian(createSeededRandom(7))
    const ys = xs.map((x) => 1 + 0.3 * x + noise())
    const fit = fitLeastSquares({
      parameters: [
        { name: 'b', initial: 0, scale: 1 },
        { name: 'm', initial: 0, scale: 0.1 },
      ],
      groups: [{ name: 'points', y: ys, sdHint: 10 }],
      predict: ([b, m]) => [xs.map((x) => b! + m! * x)],
    })
    const ols = linearRegression(xs, ys)
    expect(fit.values[1]).toBeCloseTo(ols.slope, 9)
    expect(fit.uncertainties[1]!.u).toBeCloseTo(ols.slopeError(ols.residualSd), 9)
    expect(fit.uncertainties[1]!.dof).toBeCloseTo(4, 6)
    expect(fit.groups[0]!.dof).toBeCloseTo(4, 6)
  })

  it('estimates each group its own noise', () => {
    const fit = fitLeastSquares(twoGroups(gaussian(createSeededRandom(3)), 400))
    expect(fit.groups[0]!.sd).toBeGreaterThan(0.15)
    expect(fit.groups[0]!.sd).toBeLessThan(1)
    expect(fit.groups[1]!.sd).toBeGreaterThan(3.6)
    expect(fit.groups[1]!.sd).toBeLessThan(4.4)
  })

  it('gives honest 95 % intervals: the truth inside them 95 ± 2 % of the time over 1 000 data sets', () => {
    const noise = gaussian(createSeededRandom(11))
    const inside = [0, 0]
    const trials = 1000
    for (let t = 0; t < trials; t++) {
      const fit = fitLeastSquares(twoGroups(noise))
      ;[3, 0.02].forEach((truth, k) => {
        const { u, dof } = fit.uncertainties[k]!
        if (Math.abs(fit.values[k]! - truth) <= coverageFactor(0.95, dof) * u) inside[k]!++
      })
    }
    for (const count of inside) {
      expect(count / trials).toBeGreaterThan(0.93)
      expect(count / trials).toBeLessThan(0.97)
    }
  })

  it('names the parameters the observations do not determine', () => {
    const problem: LeastSquaresProblem = {
      parameters: [
        { name: 'a', initial: 1, scale: 1 },
        { name: 'b', initial: 1, scale: 1 },
        { name: 'unused', initial: 1, scale: 1 },
      ],
      groups: [{ name: 'g', y: [1, 2, 3], sdHint: 1 }],
      predict: ([a, b]) => [[a! + b!, a! + b!, a! + b!]],
    }
    expect(() => fitLeastSquares(problem)).toThrow(FitSingularError)
    expect(() => fitLeastSquares(problem)).toThrow(/unused/)
  })
})
