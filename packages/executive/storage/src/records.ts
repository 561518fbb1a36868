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
  /**
   * Absolute path of the run's Parquet file once compacted:
   * `<measurements_dir>/station=<s>/test=<t>/date=<yyyy-mm-dd>/run_<id>.parquet`.
   */
  parquetPath: string | null
  /** The campaign the run belongs to, if any. */
  campaignId: string | null
  /** What the run was made with (instruments, software, configuration, simulator), or null for older runs. */
  provenance: Provenance | null
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
  campaignId?: string | null
  provenance?: Provenance | null
}

/**
 * A snapshot of the bench a run was made on, taken as it starts, so any result can be traced to its station: the
 * identity of every instrument, the software, the configuration and, on the simulator, its seed and the DUT truth.
 */
export interface Provenance {
  station: string | null
  /** The computer that drove the run. */
  host: string
  softwareVersion: string
  /** `*IDN?` of every instrument by role (`chamber`, `supply`, …); an instrument that did not answer has null. */
  instruments: Record<string, string | null>
  /** SHA-256 (hex) of `configJson`, so runs made with the same configuration are found by one value. */
  configHash: string | null
  /** The effective configuration as JSON. */
  configJson: string | null
  /** Present when the bench is the simulator: its noise seed and the DUT parameters it simulates. */
  simulator: { seed: number | null; dut: Record<string, number> } | null
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
  station?: string
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
  /** The lease: unless its holder renews it, the lock lapses at this time (a dead holder on another host). */
  expiresAt: string
}

/** One entry of the store's live run-event feed (`StorageBackend.watchRunEvents`). */
export interface RunFeedEntry {
  runId: string
  /** Increases with every published event; pass it back as `since` to resume after it. */
  seq: number
  /** The event as published (its JSON form). */
  event: unknown
}
