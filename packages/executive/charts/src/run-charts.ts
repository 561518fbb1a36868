import { type ChartRow, type MeasurementChartSpec, measurementCharts } from './measurement-charts'
import { type TempcoChartSpec, tempcoChart } from './tempco-chart'

/** A chart of one run: the tempco fit, or one measured parameter against its natural x. */
export type RunChartSpec = TempcoChartSpec | MeasurementChartSpec

/**
 * The charts of a run, the same in its report and on the dashboard: V_out vs temperature with its least-squares line
 * and slope for a tempco run (while it has something to fit), every measured parameter against its natural x
 * otherwise.
 */
export function runCharts(test: string, rows: readonly ChartRow[]): RunChartSpec[] {
  if (test === 'tempco') {
    const chart = tempcoChart(rows)
    if (chart) return [chart]
  }
  return measurementCharts(rows)
}
