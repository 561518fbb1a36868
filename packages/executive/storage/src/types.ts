/** Lifecycle of a test run. `pending` → `running` → one of the four ends. */
export type RunStatus = 'pending' | 'running' | 'passed' | 'failed' | 'error' | 'aborted'

/** One stored test run (a row of `runs`). Times are ISO-8601 strings in UTC. */
export interface RunRecord {
  /** UUID v4. Short IDs are its first 8 hex characters. */
  id: string
  test: string
  status: RunStatus
  startedAt: string
  completedAt: string | null
  operator: string | null
  dutSerial: string | null
  station: string | null
  description: string | null
  /** The test's validated parameters. */
  parameters: Record<string, unknown>
  /** The effective configuration the run used (JSON-serialisable). */
  config: unknown
  seed: number | null
  softwareVersion: string
  /** Why a run ended in `error` or `aborted`, in one sentence. */
  statusReason: string | null
  measurementCount: number
  /** Absolute path of `run_<id>/measurements.parquet`, once compacted. */
  parquetPath: string | null
  /** Process that owns a `running` run (for crash recovery). */
  pid: number | null
  hostname: string | null
}

export interface NewRun {
  id: string
  test: string
  startedAt: string
  operator?: string | null
  dutSerial?: string | null
  station?: string | null
  description?: string | null
  parameters: Record<string, unknown>
  config: unknown
  seed?: number | null
  softwareVersion: string
}

/** A judged measurement: one row of `results`. */
export interface ResultRecord {
  parameter: string
  value: number
  unit: string
  lowerLimit: number | null
  upperLimit: number | null
  /** null when the measurement has no limits. */
  passed: boolean | null
}

export type EventLevel = 'debug' | 'info' | 'warn' | 'error'

/** A timeline entry of a run. */
export interface EventRecord {
  time: string
  simTime: number | null
  level: EventLevel
  message: string
}

/** One raw reading. Columns of `measurements.parquet`, plus run_id. */
export interface MeasurementRow {
  /** Wall-clock time, epoch milliseconds. */
  timestamp: number
  /** Simulated (or wall) seconds since the run started. */
  simTime: number
  parameter: string
  value: number
  unit: string
  /** Chamber temperature at the time of the reading, °C. */
  temperature: number | null
  inputVoltage: number | null
  loadCurrent: number | null
}

export interface RunQuery {
  limit?: number
  offset?: number
  status?: RunStatus
  test?: string
  /** Substring matched against id, test, serial, operator and description. */
  search?: string
  /** ISO dates bounding startedAt. */
  from?: string
  to?: string
}

export interface RunPage {
  runs: RunRecord[]
  total: number
}

export interface CompletedRun {
  status: Exclude<RunStatus, 'pending' | 'running'>
  completedAt: string
  statusReason?: string | null
}

/** Who holds a bench: refused runs name it. */
export interface BenchLock {
  bench: string
  runId: string
  pid: number
  hostname: string
  since: string
}

/**
 * Where runs live. SQLite (better-sqlite3) implements it; a PostgreSQL backend for a shared lab
 * database can implement the same interface.
 */
export interface StorageBackend {
  /** Stores a new run as `pending`, owned by this process. `run.id` must be a UUID; a duplicate is refused. */
  createRun(run: NewRun): RunRecord
  /** Marks the run `running` and records the owning process. */
  startRun(id: string): void
  /**
   * Compacts the staged measurements into `run_<id>/measurements.parquet` (always written: a run without
   * measurements gets a valid file with 0 rows), then records the end. Only a pending or running run can end.
   */
  completeRun(id: string, end: CompletedRun): Promise<RunRecord>
  getRun(id: string): RunRecord | null
  /** Resolves a full ID or a unique prefix of at least 8 hex characters. Throws StorageError otherwise. */
  resolveRunId(idOrPrefix: string): string
  listRuns(query?: RunQuery): RunPage
  addResults(runId: string, results: readonly ResultRecord[]): void
  getResults(runId: string): ResultRecord[]
  addEvent(runId: string, event: EventRecord): void
  getEvents(runId: string): EventRecord[]
  /** Durable on return (staging table, WAL). */
  appendMeasurements(runId: string, rows: readonly MeasurementRow[]): void
  /** Rows of a run: staged ones while running, the Parquet file after compaction. */
  readMeasurements(runId: string): Promise<MeasurementRow[]>
  /** A run's measurements as an Arrow IPC stream (the web app's wire form). */
  readMeasurementsArrow(runId: string): Promise<Uint8Array>
  /** Takes the bench for a run, or returns who holds it (a live process). */
  acquireBench(bench: string, runId: string): BenchLock | null
  releaseBench(bench: string, runId: string): void
  /**
   * Runs left `pending` or `running` by a dead process on this host become `error` ("interrupted", with an
   * event) and are compacted. Runs of live processes, and of other hosts, are left alone.
   */
  recoverInterruptedRuns(): Promise<RunRecord[]>
  close(): void
}
