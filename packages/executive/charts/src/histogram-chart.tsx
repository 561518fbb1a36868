import { Bar } from '@visx/shape'
import type { ChartSize, HistogramBin, HistogramSpec, ReferenceLine } from './chart-spec'
import { ChartFrame, frameLayout, plotScales } from './internal/frame'
import type { LegendItem } from './internal/legend'
import { extent, formatTick, typographicMinus } from './internal/scale'
import { chartInk, seriesColor } from './palette'
import { ReferenceLines } from './xy-chart'

export interface HistogramChartProps extends HistogramSpec, ChartSize {
  title?: string
  className?: string
}

/** "Cpk 1.33", or "Cpk —" when it could not be computed (σ = 0, one value, no limits). */
export function cpkLabel(cpk: number | null): string {
  return cpk === null || !Number.isFinite(cpk) ? 'Cpk \u2014' : `Cpk ${typographicMinus(cpk.toFixed(2))}`
}

function limitLines(spec: HistogramSpec, step: number): ReferenceLine[] {
  const lines: ReferenceLine[] = []
  const label = (name: string, v: number) => `${name} ${formatTick(v, step / 10)}`
  if (spec.lower !== undefined && spec.lower !== null)
    lines.push({ axis: 'x', value: spec.lower, label: label('LSL', spec.lower) })
  if (spec.upper !== undefined && spec.upper !== null)
    lines.push({ axis: 'x', value: spec.upper, label: label('USL', spec.upper) })
  return lines
}

function annotationOf(spec: HistogramSpec): string | undefined {
  const parts = [spec.cpk !== undefined ? cpkLabel(spec.cpk) : '', spec.annotation ?? ''].filter((p) => p !== '')
  return parts.length > 0 ? parts.join(' \u00b7 ') : undefined
}

/**
 * Counts of a parameter over a numeric x: one bar per bin, the specification limits as labelled vertical lines
 * (LSL, USL) and the Cpk at the top left. Fixed size, static SVG.
 */
export function HistogramChart(props: HistogramChartProps) {
  const size = { width: props.width, height: props.height }
  const color = props.color ?? seriesColor(0)
  const annotation = annotationOf(props)
  const legend: LegendItem[] = []
  if (props.label) legend.push({ label: props.label, color, kind: 'bar' })
  const hasLimits = [props.lower, props.upper].some((v) => v !== undefined && v !== null)
  if (hasLimits) legend.push({ label: 'Limits', color: chartInk.limit, kind: 'limit' })
  const layout = frameLayout(size, legend, annotation)
  const xs = props.bins.flatMap((b) => [b.x0, b.x1])
  for (const v of [props.lower, props.upper]) if (v !== undefined && v !== null) xs.push(v)
  const [, maxCount] = extent(props.bins.map((b) => b.count))
  // Bars stand on the frame (no padding below 0) and the tallest keeps clear of its top.
  const scales = plotScales(layout.plot, extent(xs), [0, Math.max(1, maxCount) * 1.08], { yPad: 0 })
  // Counts are whole numbers: no tick at 0.5.
  const y = { ...scales.y, ticks: scales.y.ticks.filter(Number.isInteger), step: Math.max(1, scales.y.step) }
  const base = y.scale(0)
  const bar = (b: HistogramBin, i: number) => {
    const x0 = scales.x.scale(b.x0)
    const top = y.scale(b.count)
    const width = Math.max(0.5, scales.x.scale(b.x1) - x0 - 1)
    return <Bar key={i} x={x0 + 0.5} y={top} width={width} height={base - top} fill={color} fillOpacity={0.75} />
  }
  return (
    <ChartFrame
      {...size}
      layout={layout}
      x={scales.x}
      y={y}
      xLabel={props.xLabel}
      yLabel={props.yLabel ?? 'Count'}
      annotation={annotation}
      title={props.title}
      className={props.className}
    >
      <g className="chart-bars">{props.bins.filter((b) => b.count > 0).map(bar)}</g>
      <ReferenceLines lines={limitLines(props, scales.x.step)} layout={{ plot: layout.plot, x: scales.x, y }} />
    </ChartFrame>
  )
}
