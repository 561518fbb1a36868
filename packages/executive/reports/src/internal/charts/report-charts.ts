import type { MeasurementRow, RunRecord } from '@dvt/storage'
import { buildMeasuredCharts } from './measured-charts'
import type { ReportChart } from './palette'
import { buildTempcoChart } from './tempco-chart'

/** The charts of a report: V_out vs temperature with its fit for tempco, the measured curves otherwise. */
export function buildReportCharts(run: RunRecord, rows: readonly MeasurementRow[]): ReportChart[] {
  if (run.test === 'tempco') {
    const chart = buildTempcoChart(rows)
    if (chart) return [chart]
  }
  return buildMeasuredCharts(rows)
}
