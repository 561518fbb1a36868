import type { MeasurementRow } from '@dvt/storage'
import { formatNumber } from '../format'
import { type LinearFit, linearFit, type Point } from './linear-fit'
import { palette, type ReportChart } from './palette'
import { type ChartSeries, extent, renderSvgChart } from './svg-chart'

/** What the tempco fit found; the report prints it beside the chart. */
export interface TempcoFit extends LinearFit {
  ppmPerC: number
  /** V_out at 25 °C used as the reference: the point measured at 25 °C, else the fit's value there. */
  vref: number
}

/** Least-squares slope of V_out vs temperature in ppm/°C of V_out(25 °C); null without two temperatures. */
export function fitTempco(points: readonly Point[]): TempcoFit | null {
  const fit = linearFit(points)
  if (!fit) return null
  const at25 = points.filter((p) => Math.abs(p.x - 25) <= 1)
  const vref = at25.length > 0 ? at25.reduce((s, p) => s + p.y, 0) / at25.length : fit.slope * 25 + fit.intercept
  if (vref === 0) return null
  return { ...fit, vref, ppmPerC: (fit.slope / vref) * 1e6 }
}

const toPoint = (r: MeasurementRow): Point => ({ x: r.temperature ?? Number.NaN, y: r.value })
/** The framework records `vout`; `v_out` is accepted too. */
const usable = (suffix: '' | '_avg') => (r: MeasurementRow) =>
  (r.parameter === `vout${suffix}` || r.parameter === `v_out${suffix}`) &&
  r.temperature !== null &&
  Number.isFinite(r.temperature) &&
  Number.isFinite(r.value)

/**
 * V_out vs chamber temperature with the least-squares line. The fit uses the averaged points (`vout_avg`) when
 * there are at least two, else the raw `vout` readings. Null when there is nothing to fit.
 */
export function buildTempcoChart(rows: readonly MeasurementRow[]): ReportChart | null {
  const raw = rows.filter(usable('')).map(toPoint)
  const averaged = rows.filter(usable('_avg')).map(toPoint)
  const useAveraged = averaged.length >= 2
  const fitted = useAveraged ? averaged : raw
  const fit = fitTempco(fitted)
  if (!fit) return null
  const [t0, t1] = extent([...raw, ...averaged].map((p) => p.x))
  const series: ChartSeries[] = []
  if (raw.length > 0) series.push({ label: 'Readings', points: raw, color: palette[0], style: 'dots' })
  if (useAveraged) series.push({ label: 'Averaged points', points: averaged, color: palette[0], style: 'markers' })
  const line = [t0, t1].map((x) => ({ x, y: fit.slope * x + fit.intercept }))
  series.push({ label: 'Least-squares fit', points: line, color: '#c0392b', style: 'dashed' })
  const slope = `${fit.ppmPerC.toFixed(2)} ppm/\u00b0C`
  const svg = renderSvgChart({
    xLabel: 'Chamber temperature (\u00b0C)',
    yLabel: 'Output voltage (V)',
    series,
    annotation: `Slope ${slope}`,
  })
  const caption =
    `Least-squares slope ${slope} (${formatNumber(fit.slope * 1e6, 4)} \u00b5V/\u00b0C) relative to ` +
    `V_out(25 \u00b0C) = ${formatNumber(fit.vref, 6)} V, fitted over ${fit.n} ${useAveraged ? 'averaged points' : 'readings'} ` +
    `from ${formatNumber(t0, 3)} to ${formatNumber(t1, 3)} \u00b0C; RMS residual ${formatNumber(fit.rmsResidual * 1e6, 3)} \u00b5V.`
  return { title: 'Output voltage vs temperature', caption, svg }
}
