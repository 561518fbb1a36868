import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis'
import { GridColumns, GridRows } from '@visx/grid'
import type { ReactNode } from 'react'
import type { ChartSize } from '../chart-spec'
import { chartInk } from '../palette'
import { Legend, type LegendItem, legendHeight, type PlacedLegendItem, placeLegend } from './legend'
import { type AxisScale, axisScale, formatTick } from './scale'

/** The plot area inside the chart, in pixels. */
export interface PlotBox {
  left: number
  top: number
  right: number
  bottom: number
}

/** Where the plot sits and where the legend goes, for a chart of `size` with these legend entries. */
export interface FrameLayout {
  plot: PlotBox
  legend: PlacedLegendItem[]
}

const margin = { right: 18, bottom: 44, left: 72 }
/** Approximate advance of a 10.5 px bold character (the annotation). */
const annotationCharWidth = 6.6
export const fontFamily = "'DejaVu Sans', Arial, sans-serif"

/** The plot box of a chart: fixed side margins, the top pushed down by the legend rows and the annotation. */
export function frameLayout(size: ChartSize, legend: readonly LegendItem[], annotation?: string): FrameLayout {
  const right = size.width - margin.right
  const reserved = annotation ? margin.left + annotation.length * annotationCharWidth + 16 : 0
  const placed = placeLegend(legend, margin.left, right, reserved)
  const top = Math.max(annotation ? 26 : 12, legendHeight(placed.rows) + 8)
  return { plot: { left: margin.left, top, right, bottom: size.height - margin.bottom }, legend: placed.items }
}

/** The x and y scales of a plot box over data ranges. */
export function plotScales(
  plot: PlotBox,
  x: [number, number],
  y: [number, number],
  options: { yPad?: number } = {},
): { x: AxisScale; y: AxisScale } {
  return {
    x: axisScale(x[0], x[1], [plot.left, plot.right], { count: 7 }),
    y: axisScale(y[0], y[1], [plot.bottom, plot.top], { count: 5, pad: options.yPad }),
  }
}

export interface ChartFrameProps extends ChartSize {
  layout: FrameLayout
  x: AxisScale
  y: AxisScale
  xLabel: string
  yLabel: string
  annotation?: string
  /** Accessible name of the chart (the SVG's title); default "<y label> vs <x label>". */
  title?: string
  className?: string
  children: ReactNode
}

const tickText = (anchor: 'middle' | 'end') =>
  function Tick(props: TickRendererProps) {
    return (
      <text x={props.x} y={props.y} dx={props.dx} dy={props.dy} fontSize={9} fill={chartInk.axis} textAnchor={anchor}>
        {props.formattedValue}
      </text>
    )
  }
const bottomTick = tickText('middle')
/** What both grids share: the scale and its ticks, light lines. */
const gridProps = (a: AxisScale) => ({
  scale: a.d3,
  tickValues: a.ticks,
  stroke: chartInk.grid,
  shapeRendering: 'auto',
})
/** What both axes share: the scale, its ticks and their text, short tick marks, no line (the frame draws it). */
const axisProps = (a: AxisScale) => ({
  scale: a.d3,
  tickValues: a.ticks,
  tickFormat: (v: unknown) => formatTick(Number(v), a.step),
  tickLength: 4,
  hideAxisLine: true,
  tickStroke: chartInk.axis,
})
const leftTick = tickText('end')

/**
 * A complete static chart: an `<svg>` with fixed size and viewBox, grid, the plot's content, a frame, both axes
 * with nice ticks and titles, the legend and the annotation. Nothing in it needs a browser to lay out.
 */
export function ChartFrame(props: ChartFrameProps) {
  const { width, height, layout, x, y } = props
  const { plot } = layout
  const plotWidth = plot.right - plot.left
  const plotHeight = plot.bottom - plot.top
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      className={props.className ?? 'chart'}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      fontFamily={fontFamily}
    >
      <title>{props.title ?? `${props.yLabel} vs ${props.xLabel}`}</title>
      <GridColumns {...gridProps(x)} top={plot.top} height={plotHeight} />
      <GridRows {...gridProps(y)} left={plot.left} width={plotWidth} />
      {props.children}
      <rect
        x={plot.left}
        y={plot.top}
        width={plotWidth}
        height={plotHeight}
        fill="none"
        stroke={chartInk.axis}
        strokeWidth={0.8}
      />
      <AxisBottom {...axisProps(x)} top={plot.bottom} tickComponent={bottomTick} tickLabelProps={{ dy: '0.1em' }} />
      <AxisLeft
        {...axisProps(y)}
        left={plot.left}
        tickComponent={leftTick}
        tickLabelProps={{ dx: '-0.25em', dy: '0.33em' }}
      />
      <text x={(plot.left + plot.right) / 2} y={height - 8} fontSize={10} fill={chartInk.text} textAnchor="middle">
        {props.xLabel}
      </text>
      <text
        transform={`translate(14 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
        fontSize={10}
        fill={chartInk.text}
        textAnchor="middle"
      >
        {props.yLabel}
      </text>
      <Legend items={layout.legend} />
      {props.annotation && (
        <text x={plot.left} y={16} fontSize={10.5} fontWeight="bold" fill={chartInk.limit}>
          {props.annotation}
        </text>
      )}
    </svg>
  )
}
