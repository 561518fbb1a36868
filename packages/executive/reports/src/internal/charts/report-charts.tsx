import type { RunComparison } from '@dvt/analysis'
import {
  type ComparisonChartSpec,
  comparisonCharts,
  type MeasurementChartSpec,
  type RunChartSpec,
  runCharts,
  type TempcoChartSpec,
  XyChart,
  type XyChartSpec,
} from '@dvt/charts'
import type { MeasurementRow, RunRecord } from '@dvt/storage'
import { renderToStaticMarkup } from 'react-dom/server'
import { formatNumber } from '../format'

/** One chart of a report: a heading, the inline SVG (React escaped every text in it) and a sentence under it. */
export interface ReportChart {
  title: string
  caption: string
  svg: string
}

/** A chart's size in the report: the A4 text width at the page's scale. */
const size = { width: 680, height: 255 }

/** The chart as complete static SVG: JavaScript is off in the page that prints it. */
function svgOf(spec: XyChartSpec): string {
  return renderToStaticMarkup(<XyChart {...spec} {...size} />)
}

function tempcoCaption(chart: TempcoChartSpec): string {
  const {
    fit,
    temperatureRange: [t0, t1],
  } = chart
  return (
    `Least-squares slope ${fit.ppmPerC.toFixed(2)} ppm/\u00b0C (${formatNumber(fit.slope * 1e6, 4)} \u00b5V/\u00b0C) ` +
    `relative to V_out(25 \u00b0C) = ${formatNumber(fit.vref, 6)} V, fitted over ${fit.n} ${chart.fittedTo} ` +
    `from ${formatNumber(t0, 3)} to ${formatNumber(t1, 3)} \u00b0C; RMS residual ${formatNumber(fit.rmsResidual * 1e6, 3)} \u00b5V.`
  )
}

function measurementCaption(chart: MeasurementChartSpec): string {
  const count = `${chart.readings} reading${chart.readings === 1 ? '' : 's'}`
  const grouped = chart.perTemperature ? ', one series per chamber temperature' : ''
  return `${count} of ${chart.parameter} against ${chart.axis.name.toLowerCase()}${grouped}.`
}

/** The charts of a report (those the dashboard shows for the run), each with the sentence printed under it. */
export function buildReportCharts(run: RunRecord, rows: readonly MeasurementRow[]): ReportChart[] {
  return runCharts(run.test, rows).map((chart: RunChartSpec) => ({
    title: chart.title,
    caption: chart.kind === 'tempco' ? tempcoCaption(chart) : measurementCaption(chart),
    svg: svgOf(chart),
  }))
}

function comparisonCaption(chart: ComparisonChartSpec): string {
  return chart.matched > 0
    ? `${chart.parameter} of run a (lines) and run b (open markers); ${chart.matched} setting${chart.matched === 1 ? '' : 's'} measured by both.`
    : `${chart.parameter} of run a (solid) and run b (dashed).`
}

/** The comparison section's charts: each measured curve of both runs overlaid (docs/compare.md). */
export function buildComparisonCharts(comparison: RunComparison): ReportChart[] {
  return comparisonCharts(comparison).map((chart) => ({
    title: chart.title,
    caption: comparisonCaption(chart),
    svg: svgOf(chart),
  }))
}
