import { escapeXml } from '../escape'
import type { Point } from './linear-fit'
import { formatTick, niceTicks } from './scale'

/** How a series is drawn: small dots (raw readings), open markers (with or without a joining line), a line. */
export type SeriesStyle = 'dots' | 'markers' | 'line-markers' | 'line' | 'dashed'

export interface ChartSeries {
  label: string
  points: readonly Point[]
  color: string
  style: SeriesStyle
}

export interface ChartSpec {
  xLabel: string
  yLabel: string
  series: readonly ChartSeries[]
  /** A short bold note at the top left, e.g. the fitted slope. */
  annotation?: string
  width?: number
  height?: number
}

const margin = { top: 30, right: 18, bottom: 44, left: 72 }
const axisColor = '#4a5563'
const gridColor = '#e3e7ed'
const maxDrawnPoints = 1500

/**
 * A static vector chart as an `<svg>` string: axes with nice ticks and labels, grid, legend, series.
 * All text is escaped here, so the result is safe to embed as HTML.
 */
export function renderSvgChart(spec: ChartSpec): string {
  const width = spec.width ?? 680
  const height = spec.height ?? 255
  const all = spec.series.flatMap((s) => s.points)
  const [xMin, xMax] = extent(all.map((p) => p.x))
  const [yMin, yMax] = extent(all.map((p) => p.y))
  const xt = niceTicks(xMin, xMax, 7)
  const yt = niceTicks(yMin, yMax, 5)
  const plot = { x0: margin.left, y0: margin.top, x1: width - margin.right, y1: height - margin.bottom }
  const sx = (x: number): number => plot.x0 + ((x - xt.min) / (xt.max - xt.min)) * (plot.x1 - plot.x0)
  const sy = (y: number): number => plot.y1 - ((y - yt.min) / (yt.max - yt.min)) * (plot.y1 - plot.y0)
  const parts: string[] = []
  for (const v of xt.values) {
    const x = r(sx(v))
    parts.push(`<line x1="${x}" y1="${plot.y0}" x2="${x}" y2="${plot.y1}" stroke="${gridColor}"/>`)
    parts.push(text(x, plot.y1 + 15, formatTick(v, xt.step), 'middle'))
  }
  for (const v of yt.values) {
    const y = r(sy(v))
    parts.push(`<line x1="${plot.x0}" y1="${y}" x2="${plot.x1}" y2="${y}" stroke="${gridColor}"/>`)
    parts.push(text(plot.x0 - 6, y + 3.5, formatTick(v, yt.step), 'end'))
  }
  parts.push(
    `<rect x="${plot.x0}" y="${plot.y0}" width="${plot.x1 - plot.x0}" height="${plot.y1 - plot.y0}" fill="none" stroke="${axisColor}" stroke-width="0.8"/>`,
  )
  parts.push(text((plot.x0 + plot.x1) / 2, height - 8, spec.xLabel, 'middle', 'axis-title'))
  parts.push(
    `<text class="axis-title" transform="translate(14 ${r((plot.y0 + plot.y1) / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
  )
  for (const s of spec.series) parts.push(drawSeries(s, sx, sy))
  parts.push(legend(spec.series, plot.x1))
  if (spec.annotation) parts.push(text(plot.x0, 16, spec.annotation, 'start', 'annotation'))
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img">`,
    ...parts,
    '</svg>',
  ].join('')
}

function drawSeries(s: ChartSeries, sx: (x: number) => number, sy: (y: number) => number): string {
  const pts = thin(s.points)
  const xy = pts.map((p) => `${r(sx(p.x))},${r(sy(p.y))}`)
  if (s.style === 'dots') {
    const dots = xy.map((c) => {
      const [x, y] = c.split(',')
      return `<circle cx="${x}" cy="${y}" r="1.5"/>`
    })
    return `<g fill="${s.color}" fill-opacity="0.45">${dots.join('')}</g>`
  }
  const dash = s.style === 'dashed' ? ' stroke-dasharray="6 4"' : ''
  const line =
    s.style === 'markers'
      ? ''
      : `<polyline points="${xy.join(' ')}" fill="none" stroke="${s.color}" stroke-width="1.6"${dash} stroke-linejoin="round"/>`
  if (s.style === 'line' || s.style === 'dashed') return line
  const markers = xy.map((c) => {
    const [x, y] = c.split(',')
    return `<circle cx="${x}" cy="${y}" r="3.4"/>`
  })
  return `${line}<g fill="#ffffff" stroke="${s.color}" stroke-width="1.7">${markers.join('')}</g>`
}

function legend(series: readonly ChartSeries[], right: number): string {
  const items: string[] = []
  let x = right
  for (const s of [...series].reverse()) {
    const w = 26 + s.label.length * 5.6
    x -= w
    const sample =
      s.style === 'dots'
        ? `<circle cx="${r(x + 9)}" cy="12" r="2.2" fill="${s.color}" fill-opacity="0.6"/>`
        : s.style === 'markers'
          ? `<circle cx="${r(x + 9)}" cy="12" r="3.4" fill="#ffffff" stroke="${s.color}" stroke-width="1.7"/>`
          : `<line x1="${r(x)}" y1="12" x2="${r(x + 18)}" y2="12" stroke="${s.color}" stroke-width="1.8"${s.style === 'dashed' ? ' stroke-dasharray="5 3"' : ''}/>`
    items.push(sample + text(x + 22, 15.5, s.label, 'start', 'legend'))
  }
  return items.join('')
}

function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end', cls = 'tick'): string {
  return `<text class="${cls}" x="${r(x)}" y="${r(y)}" text-anchor="${anchor}">${escapeXml(content)}</text>`
}

function thin(points: readonly Point[]): readonly Point[] {
  if (points.length <= maxDrawnPoints) return points
  const stride = points.length / maxDrawnPoints
  const out: Point[] = []
  for (let i = 0; i < maxDrawnPoints; i++) {
    const p = points[Math.floor(i * stride)]
    if (p) out.push(p)
  }
  const last = points[points.length - 1]
  if (last) out.push(last)
  return out
}

/** Smallest and largest finite value (a loop: spreading 100 000 values into Math.min overflows the stack). */
export function extent(values: readonly number[]): [number, number] {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const v of values) {
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return [lo, hi]
}

const r = (v: number): number => Math.round(v * 10) / 10
