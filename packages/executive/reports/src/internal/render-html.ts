import Handlebars from 'handlebars'
import type { ReportData } from '../report-data'
import { reportStyles } from '../templates/report-styles'
import { dataTablePartial, footerTemplate, reportTemplate } from '../templates/report-template'
import { buildComparisonCharts } from './charts/compare-charts'
import type { ReportChart } from './charts/palette'
import { buildReportCharts } from './charts/report-charts'
import { buildComparisonView } from './compare-view'
import { buildReportView } from './report-view'

const hb = Handlebars.create()
hb.registerPartial('styles', reportStyles)
hb.registerPartial('dataTable', dataTablePartial)
const page = hb.compile(reportTemplate, { strict: false })
const footer = hb.compile(footerTemplate)

export interface HtmlOptions {
  companyName: string
  logoDataUri: string | null
  includeCharts: boolean
}

/** The report as one self-contained HTML document (inline CSS and SVG, no script, no external resource). */
export function renderReportHtml(data: ReportData, options: HtmlOptions): string {
  const charts = options.includeCharts ? buildReportCharts(data.run, data.measurements) : []
  const view = buildReportView(data, { ...options, charts })
  const compared = data.comparison && options.includeCharts ? buildComparisonCharts(data.comparison.result) : []
  const comparison = buildComparisonView(data, compared)
  // The SVG is generated and escaped in code; SafeString keeps Handlebars from escaping its markup.
  const safe = (list: ReportChart[]) => list.map((c) => ({ ...c, svg: new hb.SafeString(c.svg) }))
  return page({
    ...view,
    charts: safe(view.charts),
    comparison: comparison && { ...comparison, charts: safe(comparison.charts) },
  })
}

/** The footer printed on every page: company, run ID, generation time, "Page X of Y". */
export function renderFooterHtml(companyName: string, runId: string, generatedAt: string): string {
  return footer({ companyName, runId, generatedAt })
}
