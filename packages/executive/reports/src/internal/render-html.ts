import type { CampaignSummary } from '@dvt/storage'
import Handlebars from 'handlebars'
import type { ReportData } from '../report-data'
import { campaignStyles, campaignTemplate } from '../templates/campaign-template'
import { mastheadPartial, metaTablePartial, verdictPartial } from '../templates/page-parts'
import { reportStyles } from '../templates/report-styles'
import { dataTablePartial, footerTemplate, reportTemplate } from '../templates/report-template'
import { buildCampaignView } from './campaign-view'
import type { ReportChart } from './charts/report-charts'
import { buildComparisonView } from './compare-view'
import { buildReportView } from './report-view'

const hb = Handlebars.create()
hb.registerPartial('styles', reportStyles)
hb.registerPartial('dataTable', dataTablePartial)
hb.registerPartial('campaignStyles', campaignStyles)
hb.registerPartial('masthead', mastheadPartial)
hb.registerPartial('verdict', verdictPartial)
hb.registerPartial('metaTable', metaTablePartial)
const page = hb.compile(reportTemplate, { strict: false })
const campaignPage = hb.compile(campaignTemplate, { strict: false })
const footer = hb.compile(footerTemplate)

export interface HtmlOptions {
  companyName: string
  logoDataUri: string | null
  includeCharts: boolean
}

/**
 * The report as one self-contained HTML document (inline CSS and SVG, no script, no external resource). The charts
 * module (React, react-dom/server, visx) is loaded on the first report that draws charts, not with the package:
 * `dvt serve` and the dashboard import this package at start-up.
 */
export async function renderReportHtml(data: ReportData, options: HtmlOptions): Promise<string> {
  const chartsModule = options.includeCharts ? await import('./charts/report-charts') : null
  const charts = chartsModule?.buildReportCharts(data.run, data.measurements) ?? []
  const view = buildReportView(data, { ...options, charts })
  const compared = data.comparison && chartsModule ? chartsModule.buildComparisonCharts(data.comparison.result) : []
  const comparison = buildComparisonView(data, compared)
  // React escaped every text of the SVG; SafeString keeps Handlebars from escaping its markup.
  const safe = (list: ReportChart[]) => list.map((c) => ({ ...c, svg: new hb.SafeString(c.svg) }))
  return page({
    ...view,
    charts: safe(view.charts),
    comparison: comparison && { ...comparison, charts: safe(comparison.charts) },
  })
}

/**
 * A campaign's datasheet-style report as one self-contained HTML document, like {@link renderReportHtml}: the
 * electrical characteristics table, the lot charts and histograms, the DUT verdicts and the method accuracy.
 */
export async function renderCampaignHtml(summary: CampaignSummary, options: HtmlOptions): Promise<string> {
  const chartsModule = options.includeCharts ? await import('./charts/campaign-report-charts') : null
  const charts = chartsModule?.buildCampaignCharts(summary) ?? { lotCharts: [], histograms: [] }
  const safe = (list: ReportChart[]) => list.map((c) => ({ ...c, svg: new hb.SafeString(c.svg) }))
  const view = buildCampaignView(summary, { ...options, ...charts })
  return campaignPage({ ...view, lotCharts: safe(view.lotCharts), histograms: safe(view.histograms) })
}

/**
 * The footer printed on every page: company, what the document is of (`Run <id>`, `Campaign <id>`), generation
 * time, "Page X of Y".
 */
export function renderFooterHtml(companyName: string, subject: string, generatedAt: string): string {
  return footer({ companyName, subject, generatedAt })
}
