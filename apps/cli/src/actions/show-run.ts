import type { DvtConfig } from '@dvt/config'
import { readSessionFile, readSessionText, sessionPath } from '@dvt/sessions'
import type { Provenance } from '@dvt/storage/records'
import { formatDuration, formatTime, resultsTable, table } from '../format'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'
import { formatSession } from '../session-listing'

interface ShowRunFlags {
  json?: boolean
  session?: boolean
  config?: string
}

/** Where the run was made: the host, the configuration's hash, each instrument's identity, the simulated DUT. */
function provenanceLines(p: Provenance | null): [string, string][] {
  if (!p) return []
  const lines: [string, string][] = [
    ['host', p.host],
    ['config', p.configHash ? `sha256 ${p.configHash}` : '—'],
  ]
  for (const [role, idn] of Object.entries(p.instruments)) lines.push([role, idn ?? '(did not answer)'])
  if (p.simulator) {
    const dut = Object.entries(p.simulator.dut).map(([k, v]) => `${k.toLowerCase()}=${v}`)
    lines.push(['simulated DUT', dut.join(', ') || '—'])
  }
  return lines
}

export async function showRun(idOrPrefix: string, flags: ShowRunFlags): Promise<number> {
  const config = loadCliConfig(flags)
  const storage = await openCliStorage(config)
  try {
    const id = await storage.resolveRunId(idOrPrefix)
    if (flags.session) return await showSession(config, id, flags.json === true)
    const run = (await storage.getRun(id))!
    const [results, events] = await Promise.all([storage.getResults(id), storage.getEvents(id)])
    if (flags.json) {
      console.log(JSON.stringify({ ...run, results, events }))
      return 0
    }
    const meta: [string, string][] = [
      ['run', run.id],
      ['test', run.test],
      ['status', run.statusReason ? `${run.status} — ${run.statusReason}` : run.status],
      ['started', formatTime(run.startedAt)],
      ['completed', formatTime(run.completedAt)],
      ['duration', formatDuration(run)],
      ['DUT serial', run.dutSerial ?? '—'],
      ['operator', run.operator ?? '—'],
      ['station', run.station ?? '—'],
      ['description', run.description ?? '—'],
      ['parameters', JSON.stringify(run.parameters)],
      ['seed', run.seed === null ? '—' : String(run.seed)],
      ['software', run.softwareVersion],
      ['measurements', `${run.measurementCount}${run.parquetPath ? ` (${run.parquetPath})` : ''}`],
      ...provenanceLines(run.provenance),
    ]
    for (const [k, v] of meta) console.log(`${k.padEnd(13)} ${v}`)
    console.log(`\nResults\n${results.length ? resultsTable(results) : '(none)'}`)
    const eventRows = events.map((e) => [
      formatTime(e.time),
      e.simTime === null ? '' : `${e.simTime.toFixed(1)} s`,
      e.level,
      e.message,
    ])
    console.log(`\nEvents\n${eventRows.length ? table(['time', 'sim time', 'level', 'message'], eventRows) : '(none)'}`)
    return 0
  } finally {
    await storage.close()
  }
}

/** The run's session file: as stored (NDJSON) with `--json`, otherwise as a listing. */
async function showSession(config: DvtConfig, runId: string, json: boolean): Promise<number> {
  const dir = config.data.measurements_dir
  // console.log, not stdout.write: a reader that stops early (`| head`) must not make it throw EPIPE.
  if (json) console.log((await readSessionText(dir, runId)).trimEnd())
  else console.log(formatSession(await readSessionFile(dir, runId), sessionPath(dir, runId)))
  return 0
}
