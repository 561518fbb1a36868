import { isRunStatus, RUN_STATUSES } from '@dvt/storage/records'
import { CliError } from '../cli-error'
import { formatDuration, formatTime, table } from '../format'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'

interface ListRunsFlags {
  limit: string
  status?: string
  test?: string
  station?: string
  json?: boolean
  config?: string
}

export async function listRuns(flags: ListRunsFlags): Promise<number> {
  const limit = Number(flags.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    throw new CliError('CLI_USAGE', `--limit must be a whole number from 1 to 10000, got "${flags.limit}"`)
  }
  if (flags.status !== undefined && !isRunStatus(flags.status)) {
    throw new CliError('CLI_USAGE', `--status must be one of ${RUN_STATUSES.join(', ')}, got "${flags.status}"`)
  }
  const status = flags.status
  const storage = await openCliStorage(loadCliConfig(flags))
  try {
    const page = await storage.listRuns({
      limit,
      ...(status ? { status } : {}),
      ...(flags.test ? { test: flags.test } : {}),
      ...(flags.station ? { station: flags.station } : {}),
    })
    if (flags.json) {
      console.log(JSON.stringify(page.runs.map(({ config: _config, ...run }) => run)))
      return 0
    }
    if (page.runs.length === 0) {
      console.log('No runs yet. Start one with "dvt run-test tempco".')
      return 0
    }
    const rows = page.runs.map((r) => [
      r.id.slice(0, 8),
      r.test,
      r.status,
      formatTime(r.startedAt),
      formatDuration(r),
      r.station ?? '—',
      r.dutSerial ?? '—',
      r.operator ?? '—',
    ])
    console.log(table(['id', 'test', 'status', 'started', 'duration', 'station', 'serial', 'operator'], rows))
    console.log(`\n${page.runs.length} of ${page.total} run${page.total === 1 ? '' : 's'}`)
    return 0
  } finally {
    await storage.close()
  }
}
