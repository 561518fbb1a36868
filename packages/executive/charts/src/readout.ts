import type { XyChartSpec, XyPoint } from './chart-spec'
import { typographicMinus } from './internal/scale'
import type { XyLayout } from './xy-chart'

/** The unit in an axis title: "Load current (mA)" → "mA". */
const unitOf = (label: string): string => /\(([^)]*)\)\s*$/.exec(label)?.[1] ?? ''
const show = (v: number): string => typographicMinus(String(Number(v.toPrecision(6))))

/** A reading under the pointer and its text, e.g. "250 mA · 3.2875 V" (what `XyChart`'s `highlight` draws). */
export interface Readout {
  point: XyPoint
  label: string
}

/**
 * The drawn point nearest to the pointer at (px, py), in the chart's pixels, with its read-out; fitted lines (dashed)
 * are not readings and are skipped. Null when the pointer is outside the plot or nothing is drawn.
 */
export function readoutAt(spec: XyChartSpec, layout: XyLayout, px: number, py: number): Readout | null {
  const { plot } = layout
  if (px < plot.left || px > plot.right || py < plot.top || py > plot.bottom) return null
  let best: XyPoint | null = null
  let bestDistance = Number.POSITIVE_INFINITY
  for (const series of spec.series) {
    if (series.style === 'dashed') continue
    for (const p of series.points) {
      const d = (layout.x.scale(p.x) - px) ** 2 + (layout.y.scale(p.y) - py) ** 2
      if (d < bestDistance) {
        bestDistance = d
        best = p
      }
    }
  }
  if (!best) return null
  return { point: best, label: `${show(best.x)} ${unitOf(spec.xLabel)} · ${show(best.y)} ${unitOf(spec.yLabel)}` }
}
