import type { MeasurementRow } from '@dvt/storage'
import { formatNumber } from '../format'
import type { Point } from './linear-fit'
import { type ReportChart, seriesColor } from './palette'
import { parameterLabel } from './parameter-label'
import { displayUnit } from './scale'
import { type ChartSeries, extent, renderSvgChart } from './svg-chart'

type AxisKey = 'temperature' | 'inputVoltage' | 'loadCurrent' | 'simTime'

interface Axis {
  key: AxisKey
  name: string
  unit: string
  /** Below this span the column counts as constant (sensor noise around one setpoint). */
  minSpan: number
}

const axes: readonly Axis[] = [
  { key: 'temperature', name: 'Chamber temperature', unit: '\u00b0C', minSpan: 0.5 },
  { key: 'inputVoltage', name: 'Input voltage', unit: 'V', minSpan: 0.005 },
  { key: 'loadCurrent', name: 'Load current', unit: 'A', minSpan: 0.0005 },
]
const timeAxis: Axis = { key: 'simTime', name: 'Time since start', unit: 's', minSpan: 0 }
const maxCharts = 6
const maxTemperatureSeries = 6
/** At most this many distinct x values are drawn as markers; more means a continuous trace. */
const maxSteps = 80

const axisValue = (r: MeasurementRow, key: AxisKey): number | null => r[key]

function varies(rows: readonly MeasurementRow[], axis: Axis): boolean {
  const values = rows.map((r) => axisValue(r, axis.key)).filter((v): v is number => v !== null && Number.isFinite(v))
  if (values.length < rows.length || values.length < 2) return false
  const [lo, hi] = extent(values)
  return hi - lo >= axis.minSpan
}

/**
 * The parameter's natural x: temperature if it varies, else input voltage, else load current, else time.
 * One refinement: a sweep of V_in or the load repeated at a few temperatures (dropout at −40/25/85 °C) is drawn
 * against the swept quantity with one series per temperature, since against temperature it is a vertical smear.
 */
export function naturalAxis(rows: readonly MeasurementRow[]): Axis {
  const first = axes.find((a) => varies(rows, a)) ?? timeAxis
  if (first.key !== 'temperature') return first
  const swept = axes.slice(1).find((a) => varies(rows, a))
  return swept && temperatureLevels(rows) <= maxTemperatureSeries ? swept : first
}

const levelOf = (r: MeasurementRow): number => Math.round((r.temperature ?? 0) / 5) * 5

function temperatureLevels(rows: readonly MeasurementRow[]): number {
  return new Set(rows.map(levelOf)).size
}

/** Splits a sweep done at a few temperatures (dropout at −40/25/85 °C) into one series per temperature. */
function temperatureGroups(rows: readonly MeasurementRow[], axis: Axis): Map<string, MeasurementRow[]> {
  const groups = new Map<string, MeasurementRow[]>()
  const temperature = axes[0]
  if (axis.key === 'temperature' || !temperature || !varies(rows, temperature)) return groups.set('', [...rows])
  if (temperatureLevels(rows) > maxTemperatureSeries) return groups.set('', [...rows])
  for (const r of rows) {
    const key = `${formatNumber(levelOf(r), 3)} \u00b0C`
    const list = groups.get(key)
    if (list) list.push(r)
    else groups.set(key, [r])
  }
  return groups
}

/** Means per distinct x (readings repeated at one setpoint collapse to one marker). */
function stepMeans(points: readonly Point[], span: number): Point[] {
  const bucket = span > 0 ? span / 1000 : 1
  const sums = new Map<number, { x: number; y: number; n: number }>()
  for (const p of points) {
    const k = Math.round(p.x / bucket)
    const s = sums.get(k) ?? { x: 0, y: 0, n: 0 }
    sums.set(k, { x: s.x + p.x, y: s.y + p.y, n: s.n + 1 })
  }
  return [...sums.values()].map((s) => ({ x: s.x / s.n, y: s.y / s.n })).sort((a, b) => a.x - b.x)
}

function groupSeries(label: string, points: Point[], color: string): ChartSeries[] {
  const [lo, hi] = extent(points.map((p) => p.x))
  const means = stepMeans(points, hi - lo)
  if (means.length > maxSteps) {
    return [{ label: label || 'Measured', points: [...points].sort((a, b) => a.x - b.x), color, style: 'line' }]
  }
  const out: ChartSeries[] = []
  if (means.length < points.length)
    out.push({ label: label ? `${label} readings` : 'Readings', points, color, style: 'dots' })
  out.push({
    label: label || (out.length > 0 ? 'Mean per step' : 'Measured'),
    points: means,
    color,
    style: 'line-markers',
  })
  return out
}

function parameterChart(parameter: string, rows: readonly MeasurementRow[]): ReportChart {
  const axis = naturalAxis(rows)
  const xs = rows.map((r) => axisValue(r, axis.key) ?? 0)
  const [, xMax] = extent(xs.map(Math.abs))
  const [, yMax] = extent(rows.map((r) => Math.abs(r.value)))
  const xu = axis.key === 'simTime' && xMax > 300 ? { unit: 'min', factor: 1 / 60 } : displayUnit(axis.unit, xMax)
  const yu = displayUnit(rows[0]?.unit ?? '', yMax)
  const series: ChartSeries[] = []
  let i = 0
  const groups = temperatureGroups(rows, axis)
  for (const [label, group] of groups) {
    const points = group.map((r) => ({ x: (axisValue(r, axis.key) ?? 0) * xu.factor, y: r.value * yu.factor }))
    series.push(...groupSeries(label, points, seriesColor(i++)))
  }
  const label = parameterLabel(parameter)
  const svg = renderSvgChart({ xLabel: `${axis.name} (${xu.unit})`, yLabel: `${label} (${yu.unit})`, series })
  const count = `${rows.length} reading${rows.length === 1 ? '' : 's'}`
  const caption = `${count} of ${parameter} against ${axis.name.toLowerCase()}${groups.size > 1 ? ', one series per chamber temperature' : ''}.`
  return { title: `${label} vs ${axis.name.toLowerCase()}`, caption, svg }
}

/**
 * One chart per measured parameter (up to six), each against its natural x. A `<name>_avg` parameter is the
 * averaged companion of `<name>` and is not charted separately.
 */
export function buildMeasuredCharts(rows: readonly MeasurementRow[]): ReportChart[] {
  const byParameter = new Map<string, MeasurementRow[]>()
  for (const r of rows) {
    if (!Number.isFinite(r.value)) continue
    const list = byParameter.get(r.parameter)
    if (list) list.push(r)
    else byParameter.set(r.parameter, [r])
  }
  const charts: ReportChart[] = []
  for (const [parameter, list] of byParameter) {
    if (parameter.endsWith('_avg') && byParameter.has(parameter.slice(0, -4))) continue
    if (charts.length === maxCharts) break
    charts.push(parameterChart(parameter, list))
  }
  return charts
}
