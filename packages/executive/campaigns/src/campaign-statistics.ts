import { mean, sampleVariance } from '@dvt/analysis'
import type { CampaignResult, CampaignStatistic, MethodAccuracy } from '@dvt/storage/records'
import type { PlanLimits } from './plan-schema'

type Conditions = Record<string, number | string>

/** One text per condition set, whatever the order of its keys. */
export function conditionsKey(conditions: Conditions): string {
  return JSON.stringify(Object.entries(conditions).sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** Results grouped by (parameter, conditions), in the order each group first appears. */
function groups<R extends Pick<CampaignResult, 'parameter' | 'conditions'>>(results: readonly R[]): R[][] {
  const byKey = new Map<string, R[]>()
  for (const r of results) {
    const key = `${r.parameter}\u0000${conditionsKey(r.conditions)}`
    const group = byKey.get(key)
    if (group) group.push(r)
    else byKey.set(key, [r])
  }
  return [...byKey.values()]
}

/** Sample standard deviation; 0 for one value. */
function std(values: readonly number[]): number {
  return values.length < 2 ? 0 : Math.sqrt(sampleVariance(values))
}

/**
 * Process capability: the distance from the mean to the nearer limit in units of 3σ, `min(USL − μ, μ − LSL) / 3σ`;
 * one-sided (`(USL − μ) / 3σ` or `(μ − LSL) / 3σ`) when one limit is open; null without limits or without spread.
 */
export function cpk(mu: number, sigma: number, lower: number | null, upper: number | null): number | null {
  if ((lower === null && upper === null) || !(sigma > 0)) return null
  const sides = [upper === null ? null : (upper - mu) / (3 * sigma), lower === null ? null : (mu - lower) / (3 * sigma)]
  return Math.min(...sides.filter((s): s is number => s !== null))
}

function within(value: number, lower: number | null, upper: number | null): boolean {
  return Number.isFinite(value) && (lower === null || value >= lower) && (upper === null || value <= upper)
}

/**
 * The lot statistics of every (parameter, conditions): n, mean, σ (n − 1), min, max, Cpk and the fraction within
 * limits (docs/campaigns.md#statistics). The limits are the results' own, or those of `limits` for a parameter it
 * names (a what-if against other limits).
 */
export function campaignStatistics(results: readonly CampaignResult[], limits: PlanLimits = {}): CampaignStatistic[] {
  return groups(results.filter((r) => Number.isFinite(r.value))).map((group) => {
    const first = group[0]!
    const override = limits[first.parameter]
    const lowerLimit = override ? (override.lower ?? null) : first.lowerLimit
    const upperLimit = override ? (override.upper ?? null) : first.upperLimit
    const values = group.map((r) => r.value)
    const mu = mean(values)
    const sigma = std(values)
    const limited = lowerLimit !== null || upperLimit !== null
    return {
      parameter: first.parameter,
      conditions: first.conditions,
      unit: first.unit,
      n: values.length,
      mean: mu,
      std: sigma,
      min: Math.min(...values),
      max: Math.max(...values),
      cpk: cpk(mu, sigma, lowerLimit, upperLimit),
      yield: limited ? values.filter((v) => within(v, lowerLimit, upperLimit)).length / values.length : null,
      lowerLimit,
      upperLimit,
    }
  })
}

/**
 * How accurate the test method is on a simulated lot: for every (parameter, conditions) with a truth, the error
 * measured − true over the DUTs (n, mean, σ, max |error|). Empty on real hardware (no truth).
 */
export function methodAccuracy(results: readonly CampaignResult[]): MethodAccuracy[] {
  const known = results.filter((r) => r.truth !== null && Number.isFinite(r.value))
  return groups(known).map((group) => {
    const first = group[0]!
    const errors = group.map((r) => r.value - (r.truth as number))
    return {
      parameter: first.parameter,
      conditions: first.conditions,
      unit: first.unit,
      n: errors.length,
      meanError: mean(errors),
      stdError: std(errors),
      maxAbsError: Math.max(...errors.map(Math.abs)),
    }
  })
}
