import type { Curve, RunComparison } from '@dvt/analysis'
import type { ReportChart } from './palette'
import { seriesColor } from './palette'
import { parameterLabel } from './parameter-label'
import { displayUnit } from './scale'
import { type ChartSeries, extent, renderSvgChart } from './svg-chart'

// The comparison's charts: each measured curve of both runs overlaid (a solid, b dashed). One file, on the report's
// own chart code, so it moves with the rest when the charts change library.

const MAX_CHARTS = 4
/** Beyond this many points a series is a trace (a transient), drawn as a line without markers. */
const MAX_MARKERS = 80

function overlay(curve: Curve): ReportChart {
  const xs = curve.series.flatMap((s) => s.points.map((p) => p.x))
  const ys = curve.series.flatMap((s) => s.points.map((p) => p.y))
  const xu = displayUnit(curve.x.unit, extent(xs.map(Math.abs))[1])
  const yu = displayUnit(curve.unit, extent(ys.map(Math.abs))[1])
  const levels = [...new Set(curve.series.map((s) => s.label))]
  const series: ChartSeries[] = curve.series.map((s) => {
    const trace = s.points.length > MAX_MARKERS
    return {
      label: `${s.run}${s.label ? ` ${s.label}` : ''}`,
      points: s.points.map((p) => ({ x: p.x * xu.factor, y: p.y * yu.factor })),
      color: seriesColor(levels.indexOf(s.label) + (s.run === 'b' && levels.length === 1 ? 1 : 0)),
      style: s.run === 'a' ? (trace ? 'line' : 'line-markers') : trace ? 'dashed' : 'markers',
    }
  })
  const label = parameterLabel(curve.parameter)
  const svg = renderSvgChart({ xLabel: `${curve.x.label} (${xu.unit})`, yLabel: `${label} (${yu.unit})`, series })
  const matched = curve.matched.length
  const caption =
    matched > 0
      ? `${curve.parameter} of run a (lines) and run b (open markers); ${matched} setting${matched === 1 ? '' : 's'} measured by both.`
      : `${curve.parameter} of run a (solid) and run b (dashed).`
  return { title: `${label} vs ${curve.x.label.toLowerCase()}: a and b`, caption, svg }
}

/** Up to four overlaid charts: the curves both runs measured first. */
export function buildComparisonCharts(comparison: RunComparison): ReportChart[] {
  const both = (c: Curve) => new Set(c.series.map((s) => s.run)).size === 2
  const curves = [...comparison.curves].sort((x, y) => Number(both(y)) - Number(both(x)))
  return curves.slice(0, MAX_CHARTS).map(overlay)
}
