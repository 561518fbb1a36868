import { type CampaignChartSpec, campaignCharts, HistogramChart, XyChart } from '@dvt/charts'
import type { CampaignSummary } from '@dvt/storage'
import { renderToStaticMarkup } from 'react-dom/server'
import type { ReportChart } from './report-charts'

/** A lot chart spans the A4 text width; histograms sit two to a row. */
const lotSize = { width: 680, height: 255 }
const histogramSize = { width: 330, height: 210 }

function svgOf(chart: CampaignChartSpec): string {
  return chart.kind === 'lot'
    ? renderToStaticMarkup(<XyChart {...chart} {...lotSize} />)
    : renderToStaticMarkup(<HistogramChart {...chart} {...histogramSize} />)
}

/** The campaign's charts (those its dashboard page draws) as static SVG: JavaScript is off in the printing page. */
export function buildCampaignCharts(summary: CampaignSummary): { lotCharts: ReportChart[]; histograms: ReportChart[] } {
  const charts = campaignCharts(summary).map((chart) => ({
    kind: chart.kind,
    chart: { title: chart.title, caption: chart.caption, svg: svgOf(chart) },
  }))
  return {
    lotCharts: charts.filter((c) => c.kind === 'lot').map((c) => c.chart),
    histograms: charts.filter((c) => c.kind === 'histogram').map((c) => c.chart),
  }
}
