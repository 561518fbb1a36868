import type { EventRecord, MeasurementRow, ResultRecord, RunRecord, StorageBackend } from '@dvt/storage'
import { ReportError } from './report-error'

/** Everything a report shows about one run. */
export interface ReportData {
  run: RunRecord
  results: ResultRecord[]
  events: EventRecord[]
  measurements: MeasurementRow[]
}

/**
 * Reads one run and all it recorded from storage. `runIdOrPrefix` is a full ID or an 8+ hex prefix; an unknown or
 * ambiguous ID throws the storage's own error (its message already says what to do).
 */
export async function loadReportData(storage: StorageBackend, runIdOrPrefix: string): Promise<ReportData> {
  const id = await storage.resolveRunId(runIdOrPrefix)
  const run = await storage.getRun(id)
  if (!run) {
    throw new ReportError('REPORT_RUN_NOT_FOUND', `run ${id} disappeared while its report was being prepared`)
  }
  const [results, events, measurements] = await Promise.all([
    storage.getResults(id),
    storage.getEvents(id),
    storage.readMeasurements(id),
  ])
  return { run, results, events, measurements }
}

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * The server-chosen file name of a run's report: `<test>_<id8>_<YYYYMMDD-HHMMSS>.pdf`, time in UTC.
 * The test name is reduced to `[A-Za-z0-9_-]` so the name is always a plain file name.
 */
export function defaultReportFileName(run: Pick<RunRecord, 'id' | 'test'>, now: Date = new Date()): string {
  const test = run.test.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'run'
  const id8 = run.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  return `${test}_${id8}_${date}-${time}.pdf`
}
