// What storage keeps, as plain data. Pure and browser-safe (`@dvt/storage/records`): the web app, the CLI and the
// framework import the status list and the record types from here.

/** Lifecycle of a test run: `pending` → `running` → one of the four ends. The one list every layer uses. */
export const RUN_STATUSES = Object.freeze(['pending', 'running', 'passed', 'failed', 'error', 'aborted'] as const)
export type RunStatus = (typeof RUN_STATUSES)[number]

/** The statuses a run can end in. */
export const FINAL_RUN_STATUSES = Object.freeze(['passed', 'failed', 'error', 'aborted'] as const)
export type FinalRunStatus = (typeof FINAL_RUN_STATUSES)[number]

export function isRunStatus(value: unknown): value is RunStatus {
  return (RUN_STATUSES as readonly unknown[]).includes(value)
}

export function isFinalRunStatus(value: unknown): value is FinalRunStatus {
  return (FINAL_RUN_STATUSES as readonly unknown[]).includes(value)
}

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

/** Severity of a timeline entry, least first. */
export const EVENT_LEVELS = Object.freeze(['debug', 'info', 'warn', 'error'] as const)
export type EventLevel = (typeof EVENT_LEVELS)[number]

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
  status: FinalRunStatus
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
