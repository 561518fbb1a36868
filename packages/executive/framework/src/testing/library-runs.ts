import type { StorageBackend } from '@dvt/storage'
import type { MeasurementRow, ResultRecord, RunRecord } from '@dvt/storage/records'
import type { Runner } from '../runner'

/** One run of a plan: a library test and the parameters to run it with. */
export interface PlannedRun {
  test: string
  parameters?: Record<string, unknown>
}

/** A finished run as storage keeps it. */
export interface RecordedRun {
  run: RunRecord
  results: ResultRecord[]
  measurements: MeasurementRow[]
}

/** Runs each test of `plan` in turn and reads back what storage kept of it; a run that did not complete throws. */
export async function recordRuns(
  runner: Runner,
  storage: StorageBackend,
  plan: readonly PlannedRun[],
): Promise<RecordedRun[]> {
  const out: RecordedRun[] = []
  for (const { test, parameters } of plan) {
    const state = await runner.run(test, parameters ?? {})
    if (state.status !== 'passed' && state.status !== 'failed')
      throw new Error(`${test} ended ${state.status}: ${state.statusReason ?? ''}`)
    const [run, results, measurements] = await Promise.all([
      storage.getRun(state.id),
      storage.getResults(state.id),
      storage.readMeasurements(state.id),
    ])
    out.push({ run: run!, results, measurements })
  }
  return out
}
