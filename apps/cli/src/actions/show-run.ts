import { formatDuration, formatTime, RESULT_HEADER, resultRows, table } from '../format'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'

export async function showRun(idOrPrefix: string, flags: { json?: boolean; config?: string }): Promise<number> {
  const storage = await openCliStorage(loadCliConfig(flags))
  try {
    const id = await storage.resolveRunId(idOrPrefix)
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
    ]
    for (const [k, v] of meta) console.log(`${k.padEnd(13)} ${v}`)
    console.log(`\nResults\n${results.length ? table(RESULT_HEADER, resultRows(results)) : '(none)'}`)
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
