import type { RunRecord } from '@dvt/storage/records'
import { type Curve, overlayCurves } from './curves'
import { resultNoise } from './result-noise'
import type { RunData } from './run-data'
import { combineUncertainties, expandedUncertainty, type Uncertainty } from './statistics'

/** The confidence level at which a difference counts as outside the runs' noise. */
export const COMPARE_LEVEL = 0.95

/** What identifies a compared run. */
export interface ComparedRun {
  id: string
  test: string
  status: RunRecord['status']
  startedAt: string
  dutSerial: string | null
  station: string | null
  seed: number | null
}

/** One result of the two runs side by side. */
export interface ResultComparison {
  parameter: string
  unit: string
  /** The value in run a (null: a has no such result). */
  a: number | null
  b: number | null
  /** b − a. */
  difference: number | null
  /** Standard uncertainty of each run's value from its own measurements (null: unknown). */
  noiseA: number | null
  noiseB: number | null
  /**
   * Half-width of the 95 % interval of the difference: Student's t for the Welch–Satterthwaite degrees of freedom
   * times the combined noise of both runs. Null when either run's noise is unknown.
   */
  interval: number | null
  /** Whether |difference| exceeds `interval`; null when it cannot be said. */
  significant: boolean | null
}

/** Two runs compared: their results with differences and whether each is inside the runs' noise, and the curves. */
export interface RunComparison {
  a: ComparedRun
  b: ComparedRun
  level: number
  results: ResultComparison[]
  /** The parameters whose difference is outside the noise. */
  significant: string[]
  curves: Curve[]
}

function comparedRun(run: RunRecord): ComparedRun {
  const { id, test, status, startedAt, dutSerial, station, seed } = run
  return { id, test, status, startedAt, dutSerial, station, seed }
}

function compareResult(
  parameter: string,
  a: RunData,
  b: RunData,
  noise: { a: Readonly<Record<string, Uncertainty>>; b: Readonly<Record<string, Uncertainty>> },
): ResultComparison {
  const ra = a.results.find((r) => r.parameter === parameter)
  const rb = b.results.find((r) => r.parameter === parameter)
  const ua = ra ? (noise.a[parameter] ?? null) : null
  const ub = rb ? (noise.b[parameter] ?? null) : null
  const difference = ra && rb ? rb.value - ra.value : null
  const combined = ua && ub ? combineUncertainties([ua, ub]) : null
  const interval = combined ? expandedUncertainty(combined, COMPARE_LEVEL) : null
  return {
    parameter,
    unit: (ra ?? rb)!.unit,
    a: ra?.value ?? null,
    b: rb?.value ?? null,
    difference,
    noiseA: ua?.u ?? null,
    noiseB: ub?.u ?? null,
    interval,
    significant: difference !== null && interval !== null ? Math.abs(difference) > interval : null,
  }
}

/**
 * Compares run b with run a: every result of either, with b − a and whether that difference is inside what the two
 * runs' own noise allows at 95 % (docs/compare.md), and every measured parameter as overlaid curves.
 */
export function compareRuns(a: RunData, b: RunData): RunComparison {
  const noise = { a: resultNoise(a), b: resultNoise(b) }
  const names = [...new Set([...a.results, ...b.results].map((r) => r.parameter))]
  const results = names.map((name) => compareResult(name, a, b, noise))
  return {
    a: comparedRun(a.run),
    b: comparedRun(b.run),
    level: COMPARE_LEVEL,
    results,
    significant: results.filter((r) => r.significant).map((r) => r.parameter),
    curves: overlayCurves(a.measurements, b.measurements),
  }
}
