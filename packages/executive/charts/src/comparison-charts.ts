import type { Curve, RunComparison } from '@dvt/analysis'
import type { XyChartSpec, XySeries } from './chart-spec'
import { displayUnit } from './display-unit'
import { extent } from './internal/scale'
import { seriesColor } from './palette'
import { parameterLabel } from './parameter-label'

/** Beyond this many points a series is a trace (a transient): drawn as a line without markers. */
const MAX_MARKERS = 80
/** The report prints at most this many comparison charts, the curves both runs measured first. */
const MAX_CHARTS = 4

/** One measured parameter of two runs overlaid (run a solid, run b dashed or open markers), ready for an XyChart. */
export interface ComparisonChartSpec extends XyChartSpec {
  kind: 'comparison'
  parameter: string
  /** "Output voltage vs load current: a and b". */
  title: string
  /** Settings both runs measured (their b − a is in the comparison table). */
  matched: number
}

/** The overlay of one curve of a comparison (docs/compare.md). */
export function comparisonChart(curve: Curve): ComparisonChartSpec {
  const xs = curve.series.flatMap((s) => s.points.map((p) => Math.abs(p.x)))
  const ys = curve.series.flatMap((s) => s.points.map((p) => Math.abs(p.y)))
  const xu = displayUnit(curve.x.unit, extent(xs)[1])
  const yu = displayUnit(curve.unit, extent(ys)[1])
  const levels = [...new Set(curve.series.map((s) => s.label))]
  const series: XySeries[] = curve.series.map((s) => {
    const trace = s.points.length > MAX_MARKERS
    return {
      label: `${s.run}${s.label ? ` ${s.label}` : ''}`,
      points: s.points.map((p) => ({ x: p.x * xu.factor, y: p.y * yu.factor })),
      color: seriesColor(levels.indexOf(s.label) + (s.run === 'b' && levels.length === 1 ? 1 : 0)),
      style: s.run === 'a' ? (trace ? 'line' : 'line-markers') : trace ? 'dashed' : 'markers',
    }
  })
  const label = parameterLabel(curve.parameter)
  return {
    kind: 'comparison',
    parameter: curve.parameter,
    title: `${label} vs ${curve.x.label.toLowerCase()}: a and b`,
    xLabel: `${curve.x.label} (${xu.unit})`,
    yLabel: `${label} (${yu.unit})`,
    series,
    matched: curve.matched.length,
  }
}

/** The comparison's charts for a report: up to four overlays, the curves both runs measured first. */
export function comparisonCharts(comparison: RunComparison, max = MAX_CHARTS): ComparisonChartSpec[] {
  const both = (c: Curve) => new Set(c.series.map((s) => s.run)).size === 2
  const curves = [...comparison.curves].sort((x, y) => Number(both(y)) - Number(both(x)))
  return curves.slice(0, max).map(comparisonChart)
}
