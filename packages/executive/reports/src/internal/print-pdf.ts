import type { Browser } from 'puppeteer-core'
import { ReportError } from '../report-error'
import { headerTemplate } from '../templates/report-template'

const margin = { top: '14mm', bottom: '17mm', left: '14mm', right: '14mm' }

/** Prints self-contained HTML to an A4 PDF in a fresh page with JavaScript disabled. */
export async function printPdf(browser: Browser, html: string, footerTemplate: string, timeoutMs: number) {
  const page = await browser.newPage()
  try {
    await page.setJavaScriptEnabled(false)
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs })
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate,
      footerTemplate,
      margin,
      timeout: timeoutMs,
    })
  } finally {
    await page.close().catch(() => undefined)
  }
}

/** Rejects with REPORT_TIMEOUT after `ms` and calls `onTimeout` (which stops Chromium: a hung page cannot linger). */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Promise<void>): Promise<T> {
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
    throw asReportError(error)
  } finally {
    clearTimeout(timer)
  }
}

function asReportError(error: unknown): ReportError {
  if (error instanceof ReportError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new ReportError('REPORT_RENDER_FAILED', `Chromium could not print the report: ${reason}`, { cause: error })
}
