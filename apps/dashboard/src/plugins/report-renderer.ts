import { mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { loadCampaignSummary } from '@dvt/campaigns'
import type { DvtConfig } from '@dvt/config'
import {
  createReportRenderer,
  defaultCampaignReportFileName,
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
  /** The datasheet-style report of a campaign (full ID), written and returned the same way. */
  renderCampaign(campaignId: string): Promise<{ fileName: string; bytes: Buffer }>
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
    const ready = async () => {
      renderer ??= createReportRenderer({
        ...reportRendererOptions(reporting),
        onWarning: (message) => app.log.warn(message),
      })
      await mkdir(dir, { recursive: true })
      return renderer
    }
    app.decorate('reports', {
      async render(runId: string, compareWith?: string) {
        const data = compareWith
          ? await loadComparisonReportData(app.storage, runId, compareWith)
          : await loadReportData(app.storage, runId)
        const fileName = defaultReportFileName(data.run, new Date(), data.comparison?.other)
        const result = await (await ready()).render(data, join(dir, fileName))
        return { fileName, bytes: await readFile(result.path) }
      },
      async renderCampaign(campaignId: string) {
        const summary = await loadCampaignSummary(app.storage, campaignId)
        const fileName = defaultCampaignReportFileName(summary.campaign)
        const result = await (await ready()).renderCampaign(summary, join(dir, fileName))
        return { fileName, bytes: await readFile(result.path) }
      },
    } satisfies ReportService)
    app.addHook('onClose', async () => {
      await renderer?.close()
    })
  },
  { name: 'dvt-reports', dependencies: ['dvt-storage'] },
)
