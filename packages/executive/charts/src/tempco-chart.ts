import { linearRegression } from '@dvt/analysis'
import type { XyChartSpec, XyPoint, XySeries } from './chart-spec'
import { extent, typographicMinus } from './internal/scale'
import type { ChartRow } from './measurement-charts'
import { chartInk, seriesColor } from './palette'

/** A least-squares line of V_out against temperature, referred to V_out at 25 °C. */
export interface TempcoFit {
  slope: number
  intercept: number
  rmsResidual: number
  n: number
  /** The slope over `vref`, ppm/°C. */
  ppmPerC: number
  /** V_out at 25 °C used as the reference: the mean of points within 1 °C of 25 °C, else the fit's value there. */
  vref: number
}

/** Least-squares slope of V_out vs temperature in ppm/°C of V_out(25 °C); null without two temperatures. */
export function fitTempco(points: readonly XyPoint[]): TempcoFit | null {
  const fit = linearRegression(
    points.map((p) => p.x),
    points.map((p) => p.y),
  )
  if (!Number.isFinite(fit.slope)) return null
  const at25 = points.filter((p) => Math.abs(p.x - 25) <= 1)
  const vref = at25.length > 0 ? at25.reduce((s, p) => s + p.y, 0) / at25.length : fit.at(25)
  if (vref === 0) return null
  const { slope, intercept, rmsResidual } = fit
  return { slope, intercept, rmsResidual, n: points.length, vref, ppmPerC: (slope / vref) * 1e6 }
}

/** V_out against chamber temperature with its fit, ready for an XyChart; the facts a caption needs beside it. */
export interface TempcoChartSpec extends XyChartSpec {
  kind: 'tempco'
  title: string
  fit: TempcoFit
  /** What the line was fitted to. */
  fittedTo: 'averaged points' | 'readings'
  /** Lowest and highest temperature charted, °C. */
  temperatureRange: [number, number]
}

const toPoint = (r: ChartRow): XyPoint => ({ x: r.temperature ?? Number.NaN, y: r.value })
/** The framework records `vout`; `v_out` is accepted too. */
const usable = (suffix: '' | '_avg') => (r: ChartRow) =>
  (r.parameter === `vout${suffix}` || r.parameter === `v_out${suffix}`) &&
  r.temperature !== null &&
  Number.isFinite(r.temperature) &&
  Number.isFinite(r.value)

/**
 * V_out vs chamber temperature with the least-squares line and its slope. The fit uses the averaged points
 * (`vout_avg`) when there are at least two, else the raw `vout` readings. Null when there is nothing to fit.
 */
export function tempcoChart(rows: readonly ChartRow[]): TempcoChartSpec | null {
  const raw = rows.filter(usable('')).map(toPoint)
  const averaged = rows.filter(usable('_avg')).map(toPoint)
  const useAveraged = averaged.length >= 2
  const fit = fitTempco(useAveraged ? averaged : raw)
  if (!fit) return null
  const [t0, t1] = extent([...raw, ...averaged].map((p) => p.x))
  const color = seriesColor(0)
  const series: XySeries[] = []
  if (raw.length > 0) series.push({ label: 'Readings', points: raw, color, style: 'dots' })
  if (useAveraged) series.push({ label: 'Averaged points', points: averaged, color, style: 'markers' })
  const line = [t0, t1].map((x) => ({ x, y: fit.slope * x + fit.intercept }))
  series.push({ label: 'Least-squares fit', points: line, color: chartInk.limit, style: 'dashed' })
  return {
    kind: 'tempco',
    title: 'Output voltage vs temperature',
    xLabel: 'Chamber temperature (\u00b0C)',
    yLabel: 'Output voltage (V)',
    series,
    annotation: `Slope ${typographicMinus(fit.ppmPerC.toFixed(2))} ppm/\u00b0C`,
    fit,
    fittedTo: useAveraged ? 'averaged points' : 'readings',
    temperatureRange: [t0, t1],
  }
}
