import { isRunStatus, RUN_STATUSES } from '@dvt/storage/records'
import { CliError } from '../cli-error'
import { formatPercent, formatTime, table } from '../format'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'

interface ListCampaignsFlags {
  limit: string
  status?: string
  json?: boolean
  config?: string
}

export async function listCampaigns(flags: ListCampaignsFlags): Promise<number> {
  const limit = Number(flags.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new CliError('CLI_USAGE', `--limit must be a whole number from 1 to 1000, got "${flags.limit}"`)
  }
  if (flags.status !== undefined && !isRunStatus(flags.status)) {
    throw new CliError('CLI_USAGE', `--status must be one of ${RUN_STATUSES.join(', ')}, got "${flags.status}"`)
  }
  const status = flags.status
  const storage = await openCliStorage(loadCliConfig(flags))
  try {
    await storage.recoverInterruptedCampaigns()
    const page = await storage.listCampaigns({ limit, ...(status ? { status } : {}) })
    if (flags.json) {
      console.log(JSON.stringify(page.campaigns.map(({ plan: _plan, planText: _text, ...c }) => c)))
      return 0
    }
    if (page.campaigns.length === 0) {
      console.log('No campaigns yet. Start one with "dvt run-plan plans/ldo-datasheet.yaml".')
      return 0
    }
    const rows = page.campaigns.map((c) => [
      c.id.slice(0, 8),
      c.name,
      c.status,
      formatTime(c.startedAt),
      `${c.lotName} (${c.lotSize})`,
      String(c.sockets),
      c.temperaturesC.join(' / '),
      `${c.progress.pointsDone}/${c.progress.pointsTotal}`,
      formatPercent(c.yield),
    ])
    console.log(table(['id', 'name', 'status', 'started', 'lot', 'sockets', '°C', 'points', 'yield'], rows))
    console.log(`\n${page.campaigns.length} of ${page.total} campaign${page.total === 1 ? '' : 's'}`)
    return 0
  } finally {
    await storage.close()
  }
}
