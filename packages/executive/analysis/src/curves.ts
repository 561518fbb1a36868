import type { MeasurementRow } from '@dvt/storage/records'
import { AVERAGE_SUFFIX, rawParameterOf } from './averaged-points'

/** What a curve is drawn against: one of the operating conditions, or the time since its first reading. */
export type CurveAxisKey = 'temperature' | 'inputVoltage' | 'loadCurrent' | 'time'

export interface CurveAxis {
  key: CurveAxisKey
  label: string
  unit: string
}

export interface CurvePoint {
  x: number
  y: number
}

/** One run's points of a curve (one per chamber temperature when a sweep was repeated at a few). */
export interface CurveSeries {
  run: 'a' | 'b'
  /** The chamber temperature of the series (`25 °C`), or empty. */
  label: string
  points: CurvePoint[]
}

/** A point both runs measured at the same condition. */
export interface MatchedPoint {
  x: number
  a: number
  b: number
  /** b − a. */
  difference: number
}

/** One measured parameter of both runs overlaid. */
export interface Curve {
  parameter: string
  unit: string
  x: CurveAxis
  series: CurveSeries[]
  /** Points at the same condition in both runs (step sweeps with one series per run); empty otherwise. */
  matched: MatchedPoint[]
}

interface AxisRule extends CurveAxis {
  key: Exclude<CurveAxisKey, 'time'>
  /** Below this span the condition counts as constant (sensor noise around one setting). */
  minSpan: number
  /** Points closer than this are at the same condition. */
  tolerance: number
}

const AXES: readonly AxisRule[] = [
  { key: 'temperature', label: 'Chamber temperature', unit: '°C', minSpan: 0.5, tolerance: 1 },
  { key: 'inputVoltage', label: 'Input voltage', unit: 'V', minSpan: 0.005, tolerance: 0.005 },
  { key: 'loadCurrent', label: 'Load current', unit: 'A', minSpan: 0.0005, tolerance: 0.0005 },
]
const TIME_AXIS: CurveAxis = { key: 'time', label: 'Time since the first reading', unit: 's' }
const MAX_TEMPERATURE_SERIES = 6

function span(rows: readonly MeasurementRow[], key: AxisRule['key']): number {
  const values = rows.map((r) => r[key])
  if (values.some((v) => v === null || !Number.isFinite(v))) return 0
  return Math.max(...(values as number[])) - Math.min(...(values as number[]))
}

const temperatureLevel = (r: MeasurementRow) => Math.round((r.temperature ?? 0) / 5) * 5

/**
 * The x of a parameter: the first condition that varies (temperature, then input voltage, then load current), but a
 * sweep of V_in or the load repeated at a few temperatures is drawn against what it sweeps; else time.
 */
function axisOf(rows: readonly MeasurementRow[]): AxisRule | null {
  const varying = AXES.filter((a) => span(rows, a.key) >= a.minSpan)
  const first = varying[0]
  if (!first) return null
  if (first.key !== 'temperature') return first
  const swept = varying[1]
  return swept && new Set(rows.map(temperatureLevel)).size <= MAX_TEMPERATURE_SERIES ? swept : first
}

function seriesOf(run: 'a' | 'b', rows: readonly MeasurementRow[], axis: AxisRule | null): CurveSeries[] {
  if (rows.length === 0) return []
  const t0 = rows[0]!.simTime
  const x = (r: MeasurementRow) => (axis ? r[axis.key]! : r.simTime - t0)
  const grouped = axis !== null && axis.key !== 'temperature' && span(rows, 'temperature') >= AXES[0]!.minSpan
  const groups = new Map<string, MeasurementRow[]>()
  for (const r of rows) {
    const label = grouped ? `${temperatureLevel(r)} °C` : ''
    const list = groups.get(label)
    if (list) list.push(r)
    else groups.set(label, [r])
  }
  return [...groups].map(([label, list]) => ({ run, label, points: list.map((r) => ({ x: x(r), y: r.value })) }))
}

/** Pairs each point of `a` with the nearest point of `b` within the axis tolerance. */
function matchPoints(a: readonly CurvePoint[], b: readonly CurvePoint[], tolerance: number): MatchedPoint[] {
  const out: MatchedPoint[] = []
  for (const p of a) {
    let best: CurvePoint | null = null
    for (const q of b)
      if (Math.abs(q.x - p.x) <= tolerance && (!best || Math.abs(q.x - p.x) < Math.abs(best.x - p.x))) best = q
    if (best) out.push({ x: p.x, a: p.y, b: best.y, difference: best.y - p.y })
  }
  return out
}

/** The parameters worth drawing: every one but the raw readings whose mean (`<name>_avg`) was also recorded. */
function drawnParameters(rows: readonly MeasurementRow[]): string[] {
  const names = new Set(rows.filter((r) => Number.isFinite(r.value)).map((r) => r.parameter))
  const raw = new Set([...names].filter((n) => n.endsWith(AVERAGE_SUFFIX)).map((n) => rawParameterOf(rows, n)))
  return [...names].filter((n) => !raw.has(n))
}

/** Every measured parameter of two runs as overlaid curves, in the order the first run recorded them. */
export function overlayCurves(a: readonly MeasurementRow[], b: readonly MeasurementRow[]): Curve[] {
  const names = [...new Set([...drawnParameters(a), ...drawnParameters(b)])]
  const curves: Curve[] = []
  for (const parameter of names) {
    const rowsA = a.filter((r) => r.parameter === parameter && Number.isFinite(r.value))
    const rowsB = b.filter((r) => r.parameter === parameter && Number.isFinite(r.value))
    if (rowsA.length + rowsB.length < 2) continue
    const axis = axisOf([...rowsA, ...rowsB])
    const series = [...seriesOf('a', rowsA, axis), ...seriesOf('b', rowsB, axis)]
    const single = series.length === 2 && series[0]!.run === 'a' && series[1]!.run === 'b'
    const matched = axis && single ? matchPoints(series[0]!.points, series[1]!.points, axis.tolerance) : []
    const { minSpan: _span, tolerance: _tolerance, ...x } = axis ?? { ...TIME_AXIS, minSpan: 0, tolerance: 0 }
    curves.push({ parameter, unit: (rowsA[0] ?? rowsB[0])!.unit, x, series, matched })
  }
  return curves
}
