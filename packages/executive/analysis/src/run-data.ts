import type { EventRecord, MeasurementRow, ResultRecord, RunRecord } from '@dvt/storage/records'

/** One stored run with everything it recorded: what comparing and fitting read. */
export interface RunData {
  run: RunRecord
  results: ResultRecord[]
  measurements: MeasurementRow[]
  events?: EventRecord[]
}
