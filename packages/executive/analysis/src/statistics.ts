import { coverageFactor } from './student-t'

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

/** Sample variance (n − 1 in the denominator); NaN below two values. */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN
  const m = mean(values)
  let sum = 0
  for (const v of values) sum += (v - m) ** 2
  return sum / (values.length - 1)
}

/** A standard uncertainty with the degrees of freedom it was estimated from (Infinity: known exactly). */
export interface Uncertainty {
  /** Standard uncertainty (one standard deviation), in the unit of the value. */
  u: number
  dof: number
}

/**
 * The uncertainty of a sum of independent terms (each a sensitivity × an uncertainty), with its effective degrees of
 * freedom by the Welch–Satterthwaite formula.
 */
export function combineUncertainties(terms: readonly Uncertainty[]): Uncertainty {
  let variance = 0
  let denominator = 0
  for (const { u, dof } of terms) {
    variance += u * u
    if (Number.isFinite(dof) && dof > 0) denominator += u ** 4 / dof
  }
  const dof = denominator > 0 ? variance ** 2 / denominator : Number.POSITIVE_INFINITY
  return { u: Math.sqrt(variance), dof }
}

/** Half-width of the two-sided interval at `level` (0.95: the 95 % interval) of a value with this uncertainty. */
export function expandedUncertainty(x: Uncertainty, level = 0.95): number {
  return x.u === 0 ? 0 : coverageFactor(level, x.dof) * x.u
}

/** Ordinary least squares y = slope·x + intercept, with the standard errors its residuals imply. */
export interface Regression {
  slope: number
  intercept: number
  n: number
  /** Residual standard deviation √(SSR / (n − 2)); NaN with two points. */
  residualSd: number
  /** RMS of the residuals (÷ n), as the test library reports it. */
  rmsResidual: number
  /** Σ(x − x̄)². */
  sxx: number
  meanX: number
  at(x: number): number
  /** Standard error of the slope for a per-point noise `sd`. */
  slopeError(sd: number): number
  /** Standard error of the fitted line at `x` for a per-point noise `sd`. */
  errorAt(x: number, sd: number): number
}

/** Least squares over paired values; needs two distinct x values (else the slope is NaN). */
export function linearRegression(xs: readonly number[], ys: readonly number[]): Regression {
  const n = Math.min(xs.length, ys.length)
  const meanX = mean(xs.slice(0, n))
  const meanY = mean(ys.slice(0, n))
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - meanX) ** 2
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY)
  }
  const slope = n >= 2 && sxx > 0 ? sxy / sxx : Number.NaN
  const intercept = meanY - slope * meanX
  let ssr = 0
  for (let i = 0; i < n; i++) ssr += (ys[i]! - (slope * xs[i]! + intercept)) ** 2
  return {
    slope,
    intercept,
    n,
    residualSd: n > 2 ? Math.sqrt(ssr / (n - 2)) : Number.NaN,
    rmsResidual: n > 0 ? Math.sqrt(ssr / n) : Number.NaN,
    sxx,
    meanX,
    at: (x) => slope * x + intercept,
    slopeError: (sd) => sd / Math.sqrt(sxx),
    errorAt: (x, sd) => sd * Math.sqrt(1 / n + (x - meanX) ** 2 / sxx),
  }
}

/**
 * Residual standard deviation about the least-squares parabola, √(SSR / (n − 3)): the scatter of points about a
 * smooth curve, without the bow a straight line leaves (self-heating bends a load sweep). NaN below four points.
 */
export function parabolaResidualSd(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length)
  if (n < 4) return Number.NaN
  const mx = mean(xs.slice(0, n))
  const sums = [0, 0, 0, 0, 0]
  const rhs = [0, 0, 0]
  for (let i = 0; i < n; i++) {
    const x = xs[i]! - mx
    for (let k = 0; k < 5; k++) sums[k]! += x ** k
    for (let k = 0; k < 3; k++) rhs[k]! += ys[i]! * x ** k
  }
  const a = [0, 1, 2].map((r) => [0, 1, 2].map((c) => sums[r + c]!))
  const coefficients = solve3(a, rhs)
  if (!coefficients) return Number.NaN
  let ssr = 0
  for (let i = 0; i < n; i++) {
    const x = xs[i]! - mx
    ssr += (ys[i]! - (coefficients[0]! + coefficients[1]! * x + coefficients[2]! * x * x)) ** 2
  }
  return Math.sqrt(ssr / (n - 3))
}

/** Solves a 3 × 3 system by Cramer's rule; null when it is singular. */
function solve3(a: number[][], b: number[]): number[] | null {
  const det = (m: number[][]) =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
    m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
    m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!)
  const d = det(a)
  if (d === 0 || !Number.isFinite(d)) return null
  return [0, 1, 2].map((k) => det(a.map((row, r) => row.map((v, c) => (c === k ? b[r]! : v)))) / d)
}
