import type { MeasurementRow } from '@dvt/storage/records'
import { sampleVariance, type Uncertainty } from './statistics'

/** The suffix of an averaged reading: `vout_avg` is the mean of the `vout` readings recorded with it. */
export const AVERAGE_SUFFIX = '_avg'

/** One averaged reading with the raw readings that went into it. */
export interface AveragedPoint {
  row: MeasurementRow
  /** The raw readings recorded with it (same time and conditions); empty when none were. */
  readings: number[]
}

const conditionKey = (r: MeasurementRow) => `${r.simTime}|${r.temperature}|${r.inputVoltage}|${r.loadCurrent}`

/**
 * The raw readings of an averaged parameter: `<name>` for `<name>_avg`, else the parameter recorded at the same times
 * and conditions as every averaged row (the I_q sweep records `iin` readings and their mean `iq_avg`). Null if none.
 */
export function rawParameterOf(rows: readonly MeasurementRow[], averaged: string): string | null {
  const base = averaged.endsWith(AVERAGE_SUFFIX) ? averaged.slice(0, -AVERAGE_SUFFIX.length) : null
  if (base && rows.some((r) => r.parameter === base)) return base
  const keys = new Set(rows.filter((r) => r.parameter === averaged).map(conditionKey))
  if (keys.size === 0) return null
  const covered = new Map<string, Set<string>>()
  for (const r of rows) {
    if (r.parameter === averaged || !keys.has(conditionKey(r))) continue
    const set = covered.get(r.parameter) ?? new Set<string>()
    covered.set(r.parameter, set.add(conditionKey(r)))
  }
  for (const [parameter, set] of covered) if (set.size === keys.size) return parameter
  return null
}

/**
 * The `<name>_avg` rows of a run, in order, each with the raw readings recorded at the same time and conditions (the
 * test library records the readings and then their mean: docs/tests.md).
 */
export function averagedPoints(rows: readonly MeasurementRow[], averaged: string): AveragedPoint[] {
  const raw = rawParameterOf(rows, averaged)
  const readings = new Map<string, number[]>()
  if (raw) {
    for (const r of rows) {
      if (r.parameter !== raw || !Number.isFinite(r.value)) continue
      const key = conditionKey(r)
      const list = readings.get(key)
      if (list) list.push(r.value)
      else readings.set(key, [r.value])
    }
  }
  return rows
    .filter((r) => r.parameter === averaged && Number.isFinite(r.value))
    .map((row) => ({ row, readings: readings.get(conditionKey(row)) ?? [] }))
}

/**
 * The noise of one averaged point from the spread of the readings inside each point, pooled over the points (they
 * share an instrument set-up): the standard deviation of a mean of `n` readings, and the pooled degrees of freedom.
 * Null when no point has two readings.
 */
export function pooledSpread(points: readonly AveragedPoint[]): { readingSd: number; dof: number } | null {
  let sum = 0
  let dof = 0
  for (const p of points) {
    if (p.readings.length < 2) continue
    sum += sampleVariance(p.readings) * (p.readings.length - 1)
    dof += p.readings.length - 1
  }
  return dof > 0 ? { readingSd: Math.sqrt(sum / dof), dof } : null
}

/** The standard uncertainty of the mean of `n` readings with the pooled spread. */
export function spreadOfMean(spread: { readingSd: number; dof: number }, n: number): Uncertainty {
  return { u: spread.readingSd / Math.sqrt(Math.max(1, n)), dof: spread.dof }
}
