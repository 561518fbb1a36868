import type { StorageBackend } from '@dvt/storage'
import type { EventRecord, MeasurementRow, ResultRecord, RunRecord } from '@dvt/storage/records'

/** One stored run with everything it recorded: what comparing, fitting and reporting read. */
export interface RunData {
  run: RunRecord
  results: ResultRecord[]
  measurements: MeasurementRow[]
  events?: EventRecord[]
}

/**
 * Reads one run and all it recorded from storage. `runIdOrPrefix` is a full ID or an 8+ hex prefix; an unknown or
 * ambiguous ID throws the storage's own error (its message already says what to do).
 */
export async function loadRunData(
  storage: StorageBackend,
  runIdOrPrefix: string,
): Promise<RunData & { events: EventRecord[] }> {
  const id = await storage.resolveRunId(runIdOrPrefix)
  const [run, results, events, measurements] = await Promise.all([
    storage.getRun(id),
    storage.getResults(id),
    storage.getEvents(id),
    storage.readMeasurements(id),
  ])
  if (!run) throw new Error(`run ${id} disappeared while it was being read`)
  return { run, results, events, measurements }
}
