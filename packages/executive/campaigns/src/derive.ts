import { linearRegression } from '@dvt/analysis'
import { computeTempco, fitAgainstTemperature, judge } from '@dvt/framework'
import type { CampaignResult, NewCampaignResult } from '@dvt/storage/records'
import { conditionsKey } from './campaign-statistics'
import { CAMPAIGN_SOURCES, DERIVED_PARAMETERS } from './derived-parameters'
import { limitsFor } from './plan-limits'
import type { Plan } from './plan-schema'

type Result = Pick<CampaignResult, 'serial' | 'socket' | 'test' | 'conditions' | 'parameter' | 'value' | 'truth'>
type Conditions = Record<string, number | string>

interface Series {
  /** The conditions besides the temperature, shared by the series. */
  rest: Conditions
  points: { t: number; value: number; truth: number | null }[]
}

/** One DUT's results of a source measurement as series over temperature, one per other condition set. */
function seriesOf(results: readonly Result[], source: { test: string; measurement: string }): Series[] {
  const bySet = new Map<string, Series>()
  for (const r of results) {
    if (r.test !== source.test || r.parameter !== source.measurement) continue
    const { temperature_c: t, ...rest } = r.conditions
    if (typeof t !== 'number') continue
    const key = conditionsKey(rest)
    const series = bySet.get(key) ?? { rest, points: [] }
    series.points.push({ t, value: r.value, truth: r.truth })
    bySet.set(key, series)
  }
  return [...bySet.values()]
    .map((s) => ({ ...s, points: s.points.sort((a, b) => a.t - b.t) }))
    .filter((s) => new Set(s.points.map((p) => p.t)).size >= 2)
}

/** `-40…125`: the span a derived value covers. */
const span = (points: Series['points']) => `${points[0]!.t}…${points.at(-1)!.t}`

/** The same derivation on the truths, when every point has one: what the method should have found. */
function onTruth(points: Series['points'], derive: (values: number[]) => number): number | null {
  if (points.some((p) => p.truth === null)) return null
  return derive(points.map((p) => p.truth as number))
}

const tempcoOf = (points: Series['points']) => (values: number[]) =>
  computeTempco(points.map((p, i) => ({ setpoint: p.t, temperature: p.t, vout: values[i]! })))

const DERIVATIONS: Record<
  string,
  (s: Series) => Array<{ parameter: string; conditions: Conditions; value: number; truth: number | null }>
> = {
  [CAMPAIGN_SOURCES.vout.measurement]: (s) => {
    const tempco = tempcoOf(s.points)
    const measured = tempco(s.points.map((p) => p.value))
    const truth = (pick: (r: ReturnType<typeof tempco>) => number) => onTruth(s.points, (v) => pick(tempco(v)))
    const across = { ...s.rest, temperature_c: span(s.points) }
    return [
      {
        parameter: 'tempco_ppm_per_c',
        conditions: across,
        value: measured.tempcoPpmPerC,
        truth: truth((r) => r.tempcoPpmPerC),
      },
      {
        parameter: 'tempco_box_ppm_per_c',
        conditions: across,
        value: measured.boxPpmPerC,
        truth: truth((r) => r.boxPpmPerC),
      },
      {
        parameter: 'vout_25c_v',
        conditions: { ...s.rest, temperature_c: 25 },
        value: measured.vout25,
        truth: truth((r) => r.vout25),
      },
    ]
  },
  [CAMPAIGN_SOURCES.iq.measurement]: (s) => {
    const slope = (values: number[]) =>
      fitAgainstTemperature(
        s.points.map((p, i) => ({ setpoint: p.t, temperature: p.t, value: values[i]! })),
        (p) => p.value,
      ).relativeSlope * 100
    return [
      {
        parameter: 'iq_tempco_pct_per_c',
        conditions: { ...s.rest, temperature_c: span(s.points) },
        value: slope(s.points.map((p) => p.value)),
        truth: onTruth(s.points, slope),
      },
    ]
  },
  [CAMPAIGN_SOURCES.dropout.measurement]: (s) => {
    const slope = (values: number[]) =>
      linearRegression(
        s.points.map((p) => p.t),
        values,
      ).slope * 1000
    return [
      {
        parameter: 'dropout_tempco_mv_per_c',
        conditions: { ...s.rest, temperature_c: span(s.points) },
        value: slope(s.points.map((p) => p.value)),
        truth: onTruth(s.points, slope),
      },
    ]
  },
}

/**
 * The cross-temperature parameters of one DUT (docs/campaigns.md#derived-parameters) from its measured results,
 * judged against the plan's limits: tempco (least squares and box), V_out at 25 °C, I_q tempco and the dropout's
 * temperature coefficient at each load. Each needs two temperatures at least; the truth is the same derivation on
 * the truths.
 */
export function deriveDutResults(plan: Plan, results: readonly Result[]): NewCampaignResult[] {
  const first = results[0]
  if (first === undefined) return []
  const out: NewCampaignResult[] = []
  for (const source of Object.values(CAMPAIGN_SOURCES)) {
    for (const series of seriesOf(results, source)) {
      for (const d of DERIVATIONS[source.measurement]!(series)) {
        const unit = DERIVED_PARAMETERS.find((p) => p.name === d.parameter)!.unit
        const judged = judge(d.parameter, d.value, unit, limitsFor(plan, { test: source.test }, d.parameter))
        out.push({
          serial: first.serial,
          socket: first.socket,
          test: source.test,
          conditions: d.conditions,
          parameter: d.parameter,
          value: d.value,
          unit,
          lowerLimit: judged.lowerLimit,
          upperLimit: judged.upperLimit,
          passed: judged.passed,
          runId: null,
          truth: d.truth,
        })
      }
    }
  }
  return out
}
