import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { DvtConfig } from '@dvt/config'
import type { Browser } from 'puppeteer-core'
import { type Chromium, defaultChromiumPath, launchChromium } from './internal/chromium'
import { countPdfPages } from './internal/count-pdf-pages'
import { formatDateTime } from './internal/format'
import { loadLogo } from './internal/logo'
import { renderFooterHtml, renderReportHtml } from './internal/render-html'
import type { ReportData } from './report-data'
import { ReportError } from './report-error'
import { headerTemplate } from './templates/report-template'

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
  /** Waits for the render in progress, stops Chromium and removes its profile directory. */
  close(): Promise<void>
}

const pdfMargin = { top: '14mm', bottom: '17mm', left: '14mm', right: '14mm' }

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
  const chromiumPath = options.chromiumPath ?? defaultChromiumPath
  const timeoutMs = options.timeoutMs ?? 30_000
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`warning: ${message}\n`))
  let chromium: Promise<Chromium> | null = null
  let queue: Promise<unknown> = Promise.resolve()
  let closed = false

  const serially = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job)
    queue = next.catch(() => undefined)
    return next
  }

  const browser = async (): Promise<Browser> => {
    if (!chromium) {
      const starting = launchChromium(chromiumPath, timeoutMs)
      chromium = starting
      const forget = (): void => {
        if (chromium === starting) chromium = null
      }
      starting.then((c) => c.browser.once('disconnected', forget), forget)
    }
    return (await chromium).browser
  }

  const stopChromium = async (): Promise<void> => {
    const current = chromium
    chromium = null
    if (current) await current.then((c) => c.close()).catch(() => undefined)
  }

  const html = async (data: ReportData, warnings: string[]): Promise<string> => {
    let logoDataUri: string | null = null
    if (options.logoPath) {
      const logo = await loadLogo(options.logoPath)
      logoDataUri = logo.dataUri
      if (logo.warning) {
        warnings.push(logo.warning)
        warn(logo.warning)
      }
    }
    return renderReportHtml(data, {
      companyName: options.companyName,
      logoDataUri,
      includeCharts: options.includeCharts ?? true,
    })
  }

  const print = async (data: ReportData, content: string): Promise<Uint8Array> => {
    const page = await (await browser()).newPage()
    try {
      await page.setJavaScriptEnabled(false)
      await page.setContent(content, { waitUntil: 'load', timeout: timeoutMs })
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate,
        footerTemplate: renderFooterHtml(options.companyName, data.run.id, formatDateTime(new Date().toISOString())),
        margin: pdfMargin,
        timeout: timeoutMs,
      })
    } finally {
      await page.close().catch(() => undefined)
    }
  }

  const render = async (data: ReportData, outFile: string): Promise<RenderResult> => {
    if (closed) throw new ReportError('REPORT_CLOSED', 'the report renderer was closed; create a new one')
    const started = performance.now()
    const warnings: string[] = []
    const content = await html(data, warnings)
    const pdf = await withTimeout(print(data, content), timeoutMs, stopChromium)
    await writeAtomically(outFile, pdf)
    const ms = Math.round(performance.now() - started)
    return { path: outFile, pages: countPdfPages(pdf), bytes: pdf.byteLength, ms, warnings }
  }

  return {
    render: (data, outFile) => serially(() => render(data, outFile)),
    renderHtml: (data) => html(data, []),
    close: async () => {
      closed = true
      await queue
      await stopChromium()
    },
  }
}

/** Rejects with REPORT_TIMEOUT after `ms`, stopping Chromium so a hung page cannot block the next render. */
async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Promise<void>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ReportError('REPORT_TIMEOUT', `rendering the report took longer than ${ms} ms and was stopped`))
    }, ms)
  })
  try {
    return await Promise.race([work, timeout])
  } catch (error) {
    if (error instanceof ReportError && error.code === 'REPORT_TIMEOUT') {
      work.catch(() => undefined)
      await onTimeout()
    }
    throw wrapRenderError(error)
  } finally {
    clearTimeout(timer)
  }
}

function wrapRenderError(error: unknown): ReportError {
  if (error instanceof ReportError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new ReportError('REPORT_RENDER_FAILED', `Chromium could not print the report: ${reason}`, { cause: error })
}

/** Never leaves a half-written PDF: write a temp file beside the target, then rename over it. */
async function writeAtomically(outFile: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(outFile), `.${basename(outFile)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    await writeFile(temp, bytes, { flag: 'wx' })
    await rename(temp, outFile)
  } catch (error) {
    await rm(temp, { force: true })
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error))
    throw new ReportError('REPORT_WRITE_FAILED', `cannot write the report to "${outFile}" (${reason})`, {
      cause: error,
    })
  }
}
