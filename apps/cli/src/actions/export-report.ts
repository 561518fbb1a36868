import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadCampaignSummary } from '@dvt/campaigns'
import {
  createReportRenderer,
  defaultCampaignReportFileName,
  defaultReportFileName,
  loadComparisonReportData,
  loadReportData,
  type RenderResult,
  type ReportRenderer,
  reportRendererOptions,
  resolveReportSubject,
} from '@dvt/reports'
import type { StorageBackend } from '@dvt/storage'
import { CliError } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'

interface ExportFlags {
  output?: string
  company?: string
  compare?: string
  config?: string
}

/** What to print and the default file name: a run's report, or a campaign's datasheet. */
async function prepare(storage: StorageBackend, idOrPrefix: string, flags: ExportFlags) {
  const subject = await resolveReportSubject(storage, idOrPrefix)
  if (subject.kind === 'run') {
    const data = flags.compare
      ? await loadComparisonReportData(storage, subject.id, flags.compare)
      : await loadReportData(storage, subject.id)
    return {
      name: defaultReportFileName(data.run, new Date(), data.comparison?.other),
      render: (renderer: ReportRenderer, out: string) => renderer.render(data, out),
    }
  }
  if (flags.compare) {
    throw new CliError('CLI_USAGE', `--compare compares two runs, and ${idOrPrefix} is a campaign — leave it out`)
  }
  const summary = await loadCampaignSummary(storage, subject.id)
  return {
    name: defaultCampaignReportFileName(summary.campaign),
    render: (renderer: ReportRenderer, out: string) => renderer.renderCampaign(summary, out),
  }
}

/** `dvt export-report <id>`: the PDF of a run, or the datasheet-style report of a campaign (docs/campaign-report.md). */
export async function exportReport(idOrPrefix: string, flags: ExportFlags): Promise<number> {
  const config = loadCliConfig(flags)
  const storage = await openCliStorage(config)
  try {
    const report = await prepare(storage, idOrPrefix, flags)
    const out = resolve(flags.output ?? join(config.data.reports_dir, report.name))
    if (!flags.output) mkdirSync(config.data.reports_dir, { recursive: true })
    const renderer = createReportRenderer({
      ...reportRendererOptions(config.reporting),
      ...(flags.company ? { companyName: flags.company } : {}),
    })
    try {
      const result: RenderResult = await report.render(renderer, out)
      console.log(
        `${result.path} (${result.pages} page${result.pages === 1 ? '' : 's'}, ${Math.round(result.bytes / 1024)} KiB)`,
      )
      return 0
    } finally {
      await renderer.close()
    }
  } finally {
    await storage.close()
  }
}
