import { LinePath } from '@visx/shape'
import type { ChartSize, LimitBand, ReferenceLine, XyChartSpec, XyPoint, XySeries } from './chart-spec'
import { ChartFrame, type FrameLayout, frameLayout, plotScales } from './internal/frame'
import type { LegendItem } from './internal/legend'
import { type AxisScale, extent } from './internal/scale'
import { thin } from './internal/thin'
import { chartInk, seriesColor } from './palette'
import type { Readout } from './readout'

export interface XyChartProps extends XyChartSpec, ChartSize {
  /** Accessible name (the SVG's `<title>`). */
  title?: string
  className?: string
  /** A point to mark and label (the dashboard's pointer read-out); not used in reports. */
  highlight?: Readout | null
}

/** Pixel layout and scales of an XyChart: what the chart draws with, and what a pointer read-out inverts. */
export interface XyLayout extends FrameLayout {
  x: AxisScale
  y: AxisScale
}

const isFiniteXy = (p: XyPoint): boolean => Number.isFinite(p.x) && Number.isFinite(p.y)
const colorOf = (s: XySeries, i: number): string => s.color ?? seriesColor(i)

function legendItems(spec: XyChartSpec): LegendItem[] {
  const items: LegendItem[] = spec.series
    .map((s, i) => ({ label: s.label, color: colorOf(s, i), kind: s.style }))
    .filter((item) => item.label !== '')
  if (spec.band?.label) items.push({ label: spec.band.label, color: chartInk.band, kind: 'band' })
  return items
}

/** The values the axes must show: every point, and the limits and reference lines (a limit off-scale is no use). */
function ranges(spec: XyChartSpec): { x: [number, number]; y: [number, number] } {
  const points = spec.series.flatMap((s) => s.points.filter(isFiniteXy))
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  for (const line of spec.referenceLines ?? []) (line.axis === 'x' ? xs : ys).push(line.value)
  if (spec.band) for (const v of [spec.band.lower, spec.band.upper]) if (v !== null) ys.push(v)
  return { x: extent(xs), y: extent(ys) }
}

/** The layout an XyChart of this spec and size draws with. */
export function xyLayout(spec: XyChartSpec, size: ChartSize): XyLayout {
  const layout = frameLayout(size, legendItems(spec), spec.annotation)
  const r = ranges(spec)
  return { ...layout, ...plotScales(layout.plot, r.x, r.y) }
}

function Series(props: { series: XySeries; color: string; layout: XyLayout }) {
  const { series, color, layout } = props
  const points = thin(series.points.filter(isFiniteXy))
  const px = (p: XyPoint) => layout.x.scale(p.x)
  const py = (p: XyPoint) => layout.y.scale(p.y)
  if (series.style === 'dots') {
    return (
      <g fill={color} fillOpacity={0.45} className="chart-dots">
        {points.map((p, i) => (
          <circle key={i} cx={round(px(p))} cy={round(py(p))} r={1.5} />
        ))}
      </g>
    )
  }
  const line = series.style !== 'markers' && (
    <LinePath
      data={points as XyPoint[]}
      x={px}
      y={py}
      stroke={color}
      strokeWidth={1.6}
      strokeDasharray={series.style === 'dashed' ? '6 4' : undefined}
      strokeLinejoin="round"
      fill="none"
    />
  )
  const markers = (series.style === 'markers' || series.style === 'line-markers') && (
    <g fill="#ffffff" stroke={color} strokeWidth={1.7} className="chart-markers">
      {points.map((p, i) => (
        <circle key={i} cx={round(px(p))} cy={round(py(p))} r={3.4} />
      ))}
    </g>
  )
  return (
    <g className="chart-series">
      {line}
      {markers}
    </g>
  )
}

function Band(props: { band: LimitBand; layout: XyLayout }) {
  const { band, layout } = props
  const { plot } = layout
  const top = band.upper === null ? plot.top : layout.y.scale(band.upper)
  const bottom = band.lower === null ? plot.bottom : layout.y.scale(band.lower)
  const edges = [band.lower, band.upper].filter((v): v is number => v !== null)
  return (
    <g className="chart-band">
      <rect
        x={plot.left}
        y={top}
        width={plot.right - plot.left}
        height={bottom - top}
        fill={chartInk.band}
        fillOpacity={0.08}
      />
      {edges.map((v) => (
        <line
          key={v}
          x1={plot.left}
          x2={plot.right}
          y1={layout.y.scale(v)}
          y2={layout.y.scale(v)}
          stroke={chartInk.band}
          strokeWidth={1}
          strokeDasharray="4 3"
        />
      ))}
    </g>
  )
}

/** A labelled straight line at x = value (vertical) or y = value (horizontal). */
export function ReferenceLines(props: { lines: readonly ReferenceLine[]; layout: Pick<XyLayout, 'plot' | 'x' | 'y'> }) {
  const { plot, x, y } = props.layout
  return (
    <g className="chart-reference-lines">
      {props.lines.map((line, i) => {
        const color = line.color ?? chartInk.limit
        const vertical = line.axis === 'x'
        const at = vertical ? x.scale(line.value) : y.scale(line.value)
        const [x1, x2, y1, y2] = vertical ? [at, at, plot.top, plot.bottom] : [plot.left, plot.right, at, at]
        // A vertical line's label reads away from the nearer edge, so it stays inside the frame.
        const leftHalf = at < (plot.left + plot.right) / 2
        return (
          <g key={i}>
            <line x1={x1} x2={x2} y1={y1} y2={y2} stroke={color} strokeWidth={1.2} strokeDasharray="5 3" />
            {line.label && (
              <text
                x={vertical ? (leftHalf ? at + 3 : at - 3) : plot.right - 3}
                y={vertical ? plot.top + 10 : at - 3}
                textAnchor={vertical && leftHalf ? 'start' : 'end'}
                fontSize={9}
                fill={color}
              >
                {line.label}
              </text>
            )}
          </g>
        )
      })}
    </g>
  )
}

function Highlight(props: { highlight: NonNullable<XyChartProps['highlight']>; layout: XyLayout }) {
  const { point, label } = props.highlight
  const { plot, x, y } = props.layout
  const cx = x.scale(point.x)
  const cy = y.scale(point.y)
  const right = cx > (plot.left + plot.right) / 2
  return (
    <g className="chart-highlight" pointerEvents="none">
      <line x1={cx} x2={cx} y1={plot.top} y2={plot.bottom} stroke={chartInk.axis} strokeDasharray="2 2" />
      <circle cx={cx} cy={cy} r={4.5} fill="none" stroke={chartInk.text} strokeWidth={1.5} />
      <text x={right ? cx - 6 : cx + 6} y={plot.top + 12} textAnchor={right ? 'end' : 'start'} fontSize={10}>
        {label}
      </text>
    </g>
  )
}

/**
 * Lines, markers and dots of y against a numeric x, with an optional limit band, reference lines and annotation:
 * the one component behind every x-y chart of the reports and the dashboard (a run's measured curves, the tempco fit,
 * V_out vs temperature of a lot, I_q vs temperature, dropout at each load, load-regulation lines). Fixed size, no
 * animation, no measuring: `renderToStaticMarkup` gives the complete SVG.
 */
export function XyChart(props: XyChartProps) {
  const size = { width: props.width, height: props.height }
  const layout = xyLayout(props, size)
  return (
    <ChartFrame
      {...size}
      layout={layout}
      x={layout.x}
      y={layout.y}
      xLabel={props.xLabel}
      yLabel={props.yLabel}
      annotation={props.annotation}
      title={props.title}
      className={props.className}
    >
      {props.band && <Band band={props.band} layout={layout} />}
      {props.series.map((s, i) => (
        <Series key={i} series={s} color={colorOf(s, i)} layout={layout} />
      ))}
      {props.referenceLines && <ReferenceLines lines={props.referenceLines} layout={layout} />}
      {props.highlight && <Highlight highlight={props.highlight} layout={layout} />}
    </ChartFrame>
  )
}

const round = (v: number): number => Math.round(v * 10) / 10
