import { performance } from 'node:perf_hooks'
import type { DvtConfig } from '@dvt/config'
import type { CampaignSummary } from '@dvt/storage'
import { defaultChromiumPath } from './chromium'
import { countPdfPages } from './internal/count-pdf-pages'
import { formatDateTime } from './internal/format'
import { createLazyChromium } from './internal/lazy-chromium'
import { loadLogo } from './internal/logo'
import { printPdf, withTimeout } from './internal/print-pdf'
import { type HtmlOptions, renderCampaignHtml, renderFooterHtml, renderReportHtml } from './internal/render-html'
import { createSerialQueue } from './internal/serial-queue'
import { writeAtomically } from './internal/write-atomically'
import type { ReportData } from './report-data'
import { ReportError } from './report-error'

/** Options of {@link createReportRenderer}; they mirror the config's `reporting` section. */
export interface ReportRendererOptions {
  /** Company printed in the header and footer. */
  companyName: string
  /** A PNG/JPEG/GIF/WebP/SVG file embedded in the header; missing or unreadable → a warning and no logo. */
  logoPath?: string | null
  /** Chromium executable; default `/usr/bin/chromium`. */
  chromiumPath?: string
  /** Limit for one render (Chromium start included), default 30 000 ms. */
  timeoutMs?: number
  /** Draw the measurement charts; default true. */
  includeCharts?: boolean
  /** Receives warnings (a missing logo); default writes `warning: …` to stderr. */
  onWarning?: (message: string) => void
}

/** What a render produced. */
export interface RenderResult {
  /** The PDF file written (the `outFile` given). */
  path: string
  pages: number
  bytes: number
  /** Wall time of the render, Chromium start included when it happened. */
  ms: number
  warnings: string[]
}

/** Renders reports one at a time with one lazily started, reused Chromium. */
export interface ReportRenderer {
  /** Writes the A4 PDF atomically to `outFile` (temp file in the same directory, then rename). */
  render(data: ReportData, outFile: string): Promise<RenderResult>
  /** The self-contained HTML the PDF is printed from. */
  renderHtml(data: ReportData): Promise<string>
  /** A campaign's datasheet-style report (docs/campaigns.md), written like {@link ReportRenderer.render}. */
  renderCampaign(summary: CampaignSummary, outFile: string): Promise<RenderResult>
  renderCampaignHtml(summary: CampaignSummary): Promise<string>
  /** Waits for the render in progress, stops Chromium and removes its profile directory. */
  close(): Promise<void>
}

/** Renderer options from the config's `reporting` section (`timeout_s` → `timeoutMs`). */
export function reportRendererOptions(reporting: DvtConfig['reporting']): ReportRendererOptions {
  return {
    companyName: reporting.company_name,
    logoPath: reporting.logo_path,
    chromiumPath: reporting.chromium_path,
    timeoutMs: reporting.timeout_s * 1000,
    includeCharts: reporting.include_charts,
  }
}

/** Creates a renderer; Chromium starts on the first render, not here. */
export function createReportRenderer(options: ReportRendererOptions): ReportRenderer {
  const timeoutMs = options.timeoutMs ?? 30_000
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`))
  const chromium = createLazyChromium(options.chromiumPath ?? defaultChromiumPath, timeoutMs)
  const queue = createSerialQueue()
  let closed = false

  const htmlOptions = async (warnings: string[]): Promise<HtmlOptions> => {
    const logo = options.logoPath ? await loadLogo(options.logoPath) : { dataUri: null, warning: null }
    if (logo.warning) {
      warnings.push(logo.warning)
      warn(logo.warning)
    }
    const includeCharts = options.includeCharts ?? true
    return { companyName: options.companyName, logoDataUri: logo.dataUri, includeCharts }
  }

  /** Prints `content` with the footer naming `subject` and writes the PDF; `started` includes the HTML's making. */
  const print = async (content: string, subject: string, outFile: string, started: number, warnings: string[]) => {
    const footer = renderFooterHtml(options.companyName, subject, formatDateTime(new Date().toISOString()))
    const printing = chromium.browser().then((browser) => printPdf(browser, content, footer, timeoutMs))
    const pdf = await withTimeout(printing, timeoutMs, chromium.stop)
    await writeAtomically(outFile, pdf)
    const ms = Math.round(performance.now() - started)
    return { path: outFile, pages: countPdfPages(pdf), bytes: pdf.byteLength, ms, warnings }
  }

  const open = () => {
    if (closed) throw new ReportError('REPORT_CLOSED', 'the report renderer was closed; create a new one')
    return { started: performance.now(), warnings: [] as string[] }
  }

  const render = async (data: ReportData, outFile: string): Promise<RenderResult> => {
    const { started, warnings } = open()
    const content = await renderReportHtml(data, await htmlOptions(warnings))
    return print(content, `Run ${data.run.id}`, outFile, started, warnings)
  }

  const renderCampaign = async (summary: CampaignSummary, outFile: string): Promise<RenderResult> => {
    const { started, warnings } = open()
    const content = await renderCampaignHtml(summary, await htmlOptions(warnings))
    return print(content, `Campaign ${summary.campaign.id}`, outFile, started, warnings)
  }

  return {
    render: (data, outFile) => queue.run(() => render(data, outFile)),
    renderHtml: async (data) => renderReportHtml(data, await htmlOptions([])),
    renderCampaign: (summary, outFile) => queue.run(() => renderCampaign(summary, outFile)),
    renderCampaignHtml: async (summary) => renderCampaignHtml(summary, await htmlOptions([])),
    close: async () => {
      closed = true
      await queue.idle()
      await chromium.stop()
    },
  }
}
