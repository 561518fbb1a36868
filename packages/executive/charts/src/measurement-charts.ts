import { type MeasurementRow, parseSocketReading, socketReadingName } from '@dvt/storage/records'
import type { XyChartSpec, XyPoint, XySeries } from './chart-spec'
import { displayUnit } from './display-unit'
import { extent, typographicMinus } from './internal/scale'
import { seriesColor } from './palette'
import { parameterLabel } from './parameter-label'

/** The columns of a measurement row a chart needs (from storage, Arrow, or a live run's `measurement` events). */
export type ChartRow = Pick<
  MeasurementRow,
  'simTime' | 'parameter' | 'value' | 'unit' | 'temperature' | 'inputVoltage' | 'loadCurrent'
>

type AxisKey = 'temperature' | 'inputVoltage' | 'loadCurrent' | 'simTime'

/** A quantity a measured parameter can be plotted against. */
export interface MeasurementAxis {
  key: AxisKey
  name: string
  unit: string
  /** Below this span the column counts as constant (sensor noise around one setpoint). */
  minSpan: number
}

const axes: readonly MeasurementAxis[] = [
  { key: 'temperature', name: 'Chamber temperature', unit: '\u00b0C', minSpan: 0.5 },
  { key: 'inputVoltage', name: 'Input voltage', unit: 'V', minSpan: 0.005 },
  { key: 'loadCurrent', name: 'Load current', unit: 'A', minSpan: 0.0005 },
]
const timeAxis: MeasurementAxis = { key: 'simTime', name: 'Time since start', unit: 's', minSpan: 0 }
const maxTemperatureSeries = 6
/** At most this many distinct x values are drawn as markers; more means a continuous trace. */
const maxSteps = 80

/** One measured parameter of a run against its natural x, ready for an XyChart. */
export interface MeasurementChartSpec extends XyChartSpec {
  kind: 'measurement'
  parameter: string
  /** "Output voltage vs load current". */
  title: string
  axis: MeasurementAxis
  /** Readings charted (before thinning). */
  readings: number
  /** True when a sweep repeated at a few temperatures is drawn as one series per temperature. */
  perTemperature: boolean
}

const axisValue = (r: ChartRow, key: AxisKey): number | null => r[key]

function varies(rows: readonly ChartRow[], axis: MeasurementAxis): boolean {
  const values = rows.map((r) => axisValue(r, axis.key)).filter((v): v is number => v !== null && Number.isFinite(v))
  if (values.length < rows.length || values.length < 2) return false
  const [lo, hi] = extent(values)
  return hi - lo >= axis.minSpan
}

const levelOf = (r: ChartRow): number => Math.round((r.temperature ?? 0) / 5) * 5
const temperatureLevels = (rows: readonly ChartRow[]): number => new Set(rows.map(levelOf)).size

/**
 * The parameter's natural x: temperature if it varies, else input voltage, else load current, else time.
 * One refinement: a sweep of V_in or the load repeated at a few temperatures (dropout at −40/25/85 °C) is drawn
 * against the swept quantity with one series per temperature, since against temperature it is a vertical smear.
 */
export function naturalAxis(rows: readonly ChartRow[]): MeasurementAxis {
  const first = axes.find((a) => varies(rows, a)) ?? timeAxis
  if (first.key !== 'temperature') return first
  const swept = axes.slice(1).find((a) => varies(rows, a))
  return swept && temperatureLevels(rows) <= maxTemperatureSeries ? swept : first
}

/** Splits a sweep done at a few temperatures into one group per temperature ("−40 °C"); else one unnamed group. */
function temperatureGroups(rows: readonly ChartRow[], axis: MeasurementAxis): Map<string, ChartRow[]> {
  const groups = new Map<string, ChartRow[]>()
  const temperature = axes[0]
  if (axis.key === 'temperature' || !temperature || !varies(rows, temperature)) return groups.set('', [...rows])
  if (temperatureLevels(rows) > maxTemperatureSeries) return groups.set('', [...rows])
  for (const r of rows) {
    const key = `${typographicMinus(String(levelOf(r)))} \u00b0C`
    const list = groups.get(key)
    if (list) list.push(r)
    else groups.set(key, [r])
  }
  return groups
}

/** Means per distinct x (readings repeated at one setpoint collapse to one marker). */
function stepMeans(points: readonly XyPoint[], span: number): XyPoint[] {
  const bucket = span > 0 ? span / 1000 : 1
  const sums = new Map<number, { x: number; y: number; n: number }>()
  for (const p of points) {
    const k = Math.round(p.x / bucket)
    const s = sums.get(k) ?? { x: 0, y: 0, n: 0 }
    sums.set(k, { x: s.x + p.x, y: s.y + p.y, n: s.n + 1 })
  }
  return [...sums.values()].map((s) => ({ x: s.x / s.n, y: s.y / s.n })).sort((a, b) => a.x - b.x)
}

function groupSeries(label: string, points: XyPoint[], color: string): XySeries[] {
  const [lo, hi] = extent(points.map((p) => p.x))
  const means = stepMeans(points, hi - lo)
  if (means.length > maxSteps) {
    return [{ label: label || 'Measured', points: [...points].sort((a, b) => a.x - b.x), color, style: 'line' }]
  }
  const out: XySeries[] = []
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

/** The chart of one parameter's readings against its natural x, in readable units (mA, µV, min). */
export function measurementChart(parameter: string, rows: readonly ChartRow[]): MeasurementChartSpec {
  const axis = naturalAxis(rows)
  const [, xMax] = extent(rows.map((r) => Math.abs(axisValue(r, axis.key) ?? 0)))
  const [, yMax] = extent(rows.map((r) => Math.abs(r.value)))
  const xu = axis.key === 'simTime' && xMax > 300 ? { unit: 'min', factor: 1 / 60 } : displayUnit(axis.unit, xMax)
  const yu = displayUnit(rows[0]?.unit ?? '', yMax)
  const series: XySeries[] = []
  const groups = temperatureGroups(rows, axis)
  let i = 0
  for (const [label, group] of groups) {
    const points = group.map((r) => ({ x: (axisValue(r, axis.key) ?? 0) * xu.factor, y: r.value * yu.factor }))
    series.push(...groupSeries(label, points, seriesColor(i++)))
  }
  const name = parameterLabel(parameter)
  return {
    kind: 'measurement',
    parameter,
    title: `${name} vs ${axis.name.toLowerCase()}`,
    axis,
    xLabel: `${axis.name} (${xu.unit})`,
    yLabel: yu.unit ? `${name} (${yu.unit})` : name,
    series,
    readings: rows.length,
    perTemperature: groups.size > 1,
  }
}

/** The name of the readings a `<name>_avg` (or a board-wide run's `<name>_avg_s<n>`) parameter averages. */
function averagedName(parameter: string): string | null {
  const ofSocket = parseSocketReading(parameter)
  if (ofSocket) {
    const averaged = averagedName(ofSocket.parameter)
    return averaged === null ? null : socketReadingName(averaged, ofSocket.socket)
  }
  return parameter.endsWith('_avg') ? parameter.slice(0, -4) : null
}

/**
 * One chart per measured parameter (up to `max`, default 6), each against its natural x. A `<name>_avg` parameter
 * is the averaged companion of `<name>` (`<name>_avg_s<n>` of `<name>_s<n>`) and is not charted separately.
 * Non-finite values are left out.
 */
export function measurementCharts(rows: readonly ChartRow[], max = 6): MeasurementChartSpec[] {
  const byParameter = new Map<string, ChartRow[]>()
  for (const r of rows) {
    if (!Number.isFinite(r.value)) continue
    const list = byParameter.get(r.parameter)
    if (list) list.push(r)
    else byParameter.set(r.parameter, [r])
  }
  const charts: MeasurementChartSpec[] = []
  for (const [parameter, list] of byParameter) {
    const averaged = averagedName(parameter)
    if (averaged !== null && byParameter.has(averaged)) continue
    if (charts.length === max) break
    charts.push(measurementChart(parameter, list))
  }
  return charts
}
