import { parseSocketReading, type RunRecord } from '@dvt/storage/records'
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
  /** The socket the result is of in a board-wide run (docs/tests.md#board-wide-runs); null: the run's one DUT. */
  socket: number | null
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
  /** The parameters whose difference is outside the noise (each named once, whichever sockets it is of). */
  significant: string[]
  curves: Curve[]
}

function comparedRun(run: RunRecord): ComparedRun {
  const { id, test, status, startedAt, dutSerial, station, seed } = run
  return { id, test, status, startedAt, dutSerial, station, seed }
}

/**
 * One socket's part of a run: its results, and its raw readings under their plain names (`vout_avg_s3` →
 * `vout_avg`), so the noise rules read a board-wide run's socket as a one-DUT run. Socket null: the run as it is.
 */
function socketView(data: RunData, socket: number | null): RunData {
  if (socket === null) return data
  const measurements = data.measurements.flatMap((row) => {
    const reading = parseSocketReading(row.parameter)
    return reading?.socket === socket ? [{ ...row, parameter: reading.parameter }] : []
  })
  return { ...data, results: data.results.filter((r) => r.socket === socket), measurements }
}

/** Each socket's noise of a run, worked out once per socket. */
function noiseBySocket(data: RunData): (socket: number | null) => Readonly<Record<string, Uncertainty>> {
  const cache = new Map<number | null, Readonly<Record<string, Uncertainty>>>()
  return (socket) => {
    const known = cache.get(socket)
    if (known) return known
    const noise = resultNoise(socketView(data, socket))
    cache.set(socket, noise)
    return noise
  }
}

type ResultKey = { parameter: string; socket: number | null }

function compareResult(
  { parameter, socket }: ResultKey,
  a: RunData,
  b: RunData,
  noise: { a: ReturnType<typeof noiseBySocket>; b: ReturnType<typeof noiseBySocket> },
): ResultComparison {
  const same = (r: RunData['results'][number]) => r.parameter === parameter && (r.socket ?? null) === socket
  const ra = a.results.find(same)
  const rb = b.results.find(same)
  const ua = ra ? (noise.a(socket)[parameter] ?? null) : null
  const ub = rb ? (noise.b(socket)[parameter] ?? null) : null
  const difference = ra && rb ? rb.value - ra.value : null
  const combined = ua && ub ? combineUncertainties([ua, ub]) : null
  const interval = combined ? expandedUncertainty(combined, COMPARE_LEVEL) : null
  return {
    parameter,
    socket,
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
 * runs' own noise allows at 95 % (docs/compare.md), and every measured parameter as overlaid curves. Results of a
 * board-wide run are compared socket by socket (socket 3 of a with socket 3 of b), each with that socket's noise.
 */
export function compareRuns(a: RunData, b: RunData): RunComparison {
  const noise = { a: noiseBySocket(a), b: noiseBySocket(b) }
  const keys = new Map<string, ResultKey>()
  for (const r of [...a.results, ...b.results]) {
    const socket = r.socket ?? null
    keys.set(`${socket}\u0000${r.parameter}`, { parameter: r.parameter, socket })
  }
  // The run's one DUT first, then socket by socket; within each, in the order the runs recorded them.
  const ordered = [...keys.values()].sort((x, y) => (x.socket ?? 0) - (y.socket ?? 0))
  const results = ordered.map((key) => compareResult(key, a, b, noise))
  return {
    a: comparedRun(a.run),
    b: comparedRun(b.run),
    level: COMPARE_LEVEL,
    results,
    significant: [...new Set(results.filter((r) => r.significant).map((r) => r.parameter))],
    curves: overlayCurves(a.measurements, b.measurements),
  }
}
