import type {
  BenchLock,
  CompletedRun,
  EventRecord,
  MeasurementRow,
  NewRun,
  ResultRecord,
  RunFeedEntry,
  RunPage,
  RunQuery,
  RunRecord,
} from './records'

/**
 * Where runs live. Every call is asynchronous so one interface serves an embedded store (SQLite, the default) and a
 * lab's shared server (PostgreSQL). A call that resolves has done what it says durably.
 */
export interface StorageBackend {
  /** Stores a new run as `pending`, owned by this process. `run.id` must be a UUID; a duplicate is refused. */
  createRun(run: NewRun): Promise<RunRecord>
  /** Marks the run `running` and records the owning process. */
  startRun(id: string): Promise<void>
  /**
   * Compacts the staged measurements into the run's Parquet file,
   * `station=<s>/test=<t>/date=<yyyy-mm-dd>/run_<id>.parquet` under the measurements folder (always written: a run
   * without measurements gets a valid file with 0 rows), then records the end. Only a pending or running run can end.
   */
  completeRun(id: string, end: CompletedRun): Promise<RunRecord>
  getRun(id: string): Promise<RunRecord | null>
  /** Resolves a full ID or a unique prefix of at least 8 hex characters. Rejects with a StorageError otherwise. */
  resolveRunId(idOrPrefix: string): Promise<string>
  listRuns(query?: RunQuery): Promise<RunPage>
  addResults(runId: string, results: readonly ResultRecord[]): Promise<void>
  getResults(runId: string): Promise<ResultRecord[]>
  addEvent(runId: string, event: EventRecord): Promise<void>
  getEvents(runId: string): Promise<EventRecord[]>
  /** Durable when it resolves. */
  appendMeasurements(runId: string, rows: readonly MeasurementRow[]): Promise<void>
  /** Rows of a run: staged ones while running, the Parquet file after compaction. */
  readMeasurements(runId: string): Promise<MeasurementRow[]>
  /** A run's measurements as an Arrow IPC stream (the web app's wire form). */
  readMeasurementsArrow(runId: string): Promise<Uint8Array>
  /**
   * Takes the bench for a run, or returns who holds it. A lock is a lease that this store renews while it is held:
   * a holder that died on this host loses it at once, one on another host when its lease runs out.
   */
  acquireBench(bench: string, runId: string): Promise<BenchLock | null>
  releaseBench(bench: string, runId: string): Promise<void>
  /** Appends one run event (its JSON form) to the store's live feed; every process watching the store sees it. */
  publishRunEvent(runId: string, event: unknown): Promise<void>
  /**
   * Calls onEvent with each event published after `since` (a cursor from an earlier entry; default: now), in order,
   * by any process on any host; resolves to a function that stops watching.
   */
  watchRunEvents(onEvent: (entry: RunFeedEntry) => void, options?: { since?: number }): Promise<() => Promise<void>>
  /**
   * Runs left `pending` or `running` by a dead process on this host become `error` ("interrupted", with an
   * event) and are compacted. Runs of live processes, and of other hosts, are left alone.
   */
  recoverInterruptedRuns(): Promise<RunRecord[]>
  close(): Promise<void>
}
