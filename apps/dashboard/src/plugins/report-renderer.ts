import { mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { DvtConfig } from '@dvt/config'
import {
  createReportRenderer,
  defaultReportFileName,
  loadComparisonReportData,
  loadReportData,
  type ReportRenderer,
  reportRendererOptions,
} from '@dvt/reports'
import { definePlugin } from '../internal/define-plugin'

/** Renders a stored run's PDF report (the same code as `dvt export-report`). */
export interface ReportService {
  /**
   * Writes the report to `data.reports_dir` under a server-chosen name and returns its bytes; with `compareWith`, the
   * report has a section comparing the run with that one.
   */
  render(runId: string, compareWith?: string): Promise<{ fileName: string; bytes: Buffer }>
}

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportService
  }
}

export interface ReportPluginOptions extends Record<string, unknown> {
  reporting: DvtConfig['reporting']
  reportsDir: string
}

/** One Chromium, started on the first report and reused; renders are queued by the renderer. */
export const reportRendererPlugin = definePlugin<ReportPluginOptions>(
  async (app, { reporting, reportsDir }) => {
    let renderer: ReportRenderer | null = null
    const dir = resolve(reportsDir)
    app.decorate('reports', {
      async render(runId: string, compareWith?: string) {
        const data = compareWith
          ? await loadComparisonReportData(app.storage, runId, compareWith)
          : await loadReportData(app.storage, runId)
        renderer ??= createReportRenderer({
          ...reportRendererOptions(reporting),
          onWarning: (message) => app.log.warn(message),
        })
        await mkdir(dir, { recursive: true })
        const fileName = defaultReportFileName(data.run, new Date(), data.comparison?.other)
        const result = await renderer.render(data, join(dir, fileName))
        return { fileName, bytes: await readFile(result.path) }
      },
    } satisfies ReportService)
    app.addHook('onClose', async () => {
      await renderer?.close()
    })
  },
  { name: 'dvt-reports', dependencies: ['dvt-storage'] },
)
