import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  createReportRenderer,
  defaultReportFileName,
  loadComparisonReportData,
  loadReportData,
  reportRendererOptions,
} from '@dvt/reports'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'

interface ExportFlags {
  output?: string
  company?: string
  compare?: string
  config?: string
}

export async function exportReport(idOrPrefix: string, flags: ExportFlags): Promise<number> {
  const config = loadCliConfig(flags)
  const storage = await openCliStorage(config)
  try {
    const data = flags.compare
      ? await loadComparisonReportData(storage, idOrPrefix, flags.compare)
      : await loadReportData(storage, idOrPrefix)
    const name = defaultReportFileName(data.run, new Date(), data.comparison?.other)
    const out = resolve(flags.output ?? join(config.data.reports_dir, name))
    if (!flags.output) mkdirSync(config.data.reports_dir, { recursive: true })
    const renderer = createReportRenderer({
      ...reportRendererOptions(config.reporting),
      ...(flags.company ? { companyName: flags.company } : {}),
    })
    try {
      const result = await renderer.render(data, out)
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
