import type { CampaignResult, CampaignStatistic } from '@dvt/storage/records'
import type { HistogramSpec, XyChartSpec } from './chart-spec'
import { conditionsLabel } from './conditions-label'
import { displayUnit } from './display-unit'
import { histogramBins } from './histogram-bins'
import { type DutCurve, lotChart } from './lot-chart'
import { parameterLabel } from './parameter-label'

/** A chart of a campaign: a parameter against temperature for every DUT, or a histogram of it over the lot. */
export type CampaignChartSpec =
  | ({ kind: 'lot'; title: string; caption: string; id: string } & XyChartSpec)
  | ({ kind: 'histogram'; title: string; caption: string; id: string } & HistogramSpec)

/** What the campaign charts are drawn from: the parts of a CampaignSummary they read. */
export interface CampaignChartInput {
  results: readonly CampaignResult[]
  statistics: readonly CampaignStatistic[]
}

/** The conditions other than temperature, as a stable key. */
function otherConditions(conditions: Readonly<Record<string, number | string>>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(conditions).filter(([k]) => k !== 'temperature_c'))
}
const keyOf = (parts: readonly unknown[]): string => JSON.stringify(parts)
const sortedKey = (c: Readonly<Record<string, number | string>>) =>
  keyOf(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)))

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const group = groups.get(k)
    if (group) group.push(item)
    else groups.set(k, [item])
  }
  return groups
}

function withConditions(title: string, conditions: Record<string, number | string>): string {
  return Object.keys(conditions).length > 0 ? `${title} at ${conditionsLabel(conditions)}` : title
}

/** One lot chart per (parameter, conditions other than temperature) measured at two temperatures or more. */
function lotCharts(results: readonly CampaignResult[]): CampaignChartSpec[] {
  const perTemperature = results.filter((r) => typeof r.conditions.temperature_c === 'number')
  const groups = groupBy(perTemperature, (r) => keyOf([r.parameter, sortedKey(otherConditions(r.conditions))]))
  const charts: CampaignChartSpec[] = []
  for (const [key, group] of groups) {
    const first = group[0] as CampaignResult
    if (new Set(group.map((r) => r.conditions.temperature_c)).size < 2) continue
    const shown = displayUnit(first.unit, Math.max(...group.map((r) => Math.abs(r.value))))
    const scale = (v: number | null) => (v === null ? null : v * shown.factor)
    const duts: DutCurve[] = [...groupBy(group, (r) => r.serial)].map(([serial, rows]) => ({
      serial,
      points: rows.map((r) => ({ x: r.conditions.temperature_c as number, y: r.value * shown.factor })),
    }))
    const label = parameterLabel(first.parameter)
    const hasLimits = first.lowerLimit !== null || first.upperLimit !== null
    const spec = lotChart(duts, {
      xLabel: 'Temperature (\u00b0C)',
      yLabel: `${label} (${shown.unit})`,
      limits: hasLimits ? { lower: scale(first.lowerLimit), upper: scale(first.upperLimit) } : undefined,
    })
    const others = otherConditions(first.conditions)
    charts.push({
      kind: 'lot',
      id: `lot:${key}`,
      title: withConditions(`${label} vs temperature`, others),
      caption: `${first.parameter} of ${duts.length} DUT${duts.length === 1 ? '' : 's'} at each chamber temperature${hasLimits ? ', inside its limits' : ''}.`,
      ...spec,
    })
  }
  return charts
}

/** The temperature a histogram of a per-temperature parameter is drawn at: room (25 °C) or the nearest. */
function histogramStatistics(statistics: readonly CampaignStatistic[]): CampaignStatistic[] {
  const groups = groupBy(statistics, (s) => keyOf([s.parameter, sortedKey(otherConditions(s.conditions))]))
  const chosen: CampaignStatistic[] = []
  for (const group of groups.values()) {
    const distance = (s: CampaignStatistic) => {
      const t = s.conditions.temperature_c
      return typeof t === 'number' ? Math.abs(t - 25) : -1
    }
    chosen.push([...group].sort((a, b) => distance(a) - distance(b))[0] as CampaignStatistic)
  }
  return chosen
}

/** One histogram per parameter (per set of conditions, at room temperature), with its limits and Cpk. */
function histograms(input: CampaignChartInput): CampaignChartSpec[] {
  const byStatistic = groupBy(input.results, (r) => keyOf([r.parameter, sortedKey(r.conditions)]))
  return histogramStatistics(input.statistics).flatMap((s): CampaignChartSpec[] => {
    const values = (byStatistic.get(keyOf([s.parameter, sortedKey(s.conditions)])) ?? []).map((r) => r.value)
    if (values.length === 0) return []
    const shown = displayUnit(s.unit, Math.max(...values.map(Math.abs)))
    const scale = (v: number | null) => (v === null ? null : v * shown.factor)
    const label = parameterLabel(s.parameter)
    return [
      {
        kind: 'histogram',
        id: `histogram:${keyOf([s.parameter, sortedKey(s.conditions)])}`,
        title: withConditions(label, s.conditions),
        caption: `${s.parameter} over ${s.n} DUT${s.n === 1 ? '' : 's'}${s.lowerLimit !== null || s.upperLimit !== null ? ' against its limits' : ''}.`,
        xLabel: `${label} (${shown.unit})`,
        bins: histogramBins(values.map((v) => v * shown.factor)),
        lower: scale(s.lowerLimit),
        upper: scale(s.upperLimit),
        cpk: s.cpk,
        annotation: `n = ${s.n}`,
        label: 'DUTs',
      },
    ]
  })
}

/**
 * The charts of a campaign, the same in its datasheet PDF and on the dashboard (docs/campaigns.md): every
 * per-temperature parameter against temperature for every DUT of the lot inside its limits (V_out vs T, I_q vs T,
 * dropout vs T at each load, load regulation at each supply…), then a histogram of every parameter with its limits
 * and Cpk. Charts fill in as results arrive: a parameter gets its lot chart from its second temperature on.
 */
export function campaignCharts(input: CampaignChartInput): CampaignChartSpec[] {
  return [...lotCharts(input.results), ...histograms(input)]
}
