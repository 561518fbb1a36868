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
  /**
   * The DUT socket the result is of (1 … MAX_SOCKETS), when the run measured a board of several; null for the run's
   * one DUT (every run before board-wide tests, and a test that measures one socket without naming it).
   */
  socket: number | null
}

/** The distinct sockets of a run's results, in ascending order (null, the run's one DUT, first). */
export function resultSockets(results: readonly Pick<ResultRecord, 'socket'>[]): (number | null)[] {
  const sockets = [...new Set(results.map((r) => r.socket ?? null))]
  return sockets.sort((a, b) => (a ?? 0) - (b ?? 0))
}

/**
 * The name a raw reading of one socket of a board-wide run is recorded under: `<parameter>_s<n>` (`vout_avg_s3`). The
 * measurement rows have no socket column; the name carries it (docs/tests.md#board-wide-runs).
 */
export function socketReadingName(parameter: string, socket: number): string {
  return `${parameter}_s${socket}`
}

/** The parameter and socket of a name made by {@link socketReadingName}; null for any other name. */
export function parseSocketReading(name: string): { parameter: string; socket: number } | null {
  const match = /^(.+)_s([1-9]\d*)$/.exec(name)
  return match ? { parameter: match[1]!, socket: Number(match[2]) } : null
}

/** Whether a run's results are of more than one socket: then a table of them shows a Socket column. */
export function showsSocketColumn(results: readonly Pick<ResultRecord, 'socket'>[]): boolean {
  return resultSockets(results).length > 1
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

// ——— Campaigns (docs/campaigns.md): a lot of parts through every step at every temperature. ———

/**
 * Lifecycle of a campaign: the run statuses, where `passed` means the lot met the plan's acceptance (its yield at
 * least `acceptance.min_yield`) and `failed` that it did not.
 */
export type CampaignStatus = RunStatus

/**
 * Where a campaign is in its plan: the temperature (index into the plan's list), the board (DUTs
 * `board × sockets` … loaded together), the step (index into the plan's steps) and the sweep point (index into the
 * step's expanded sweep). Points are executed in this order — temperature outermost — and resume at the first one
 * not `done`.
 */
export interface CampaignPointKey {
  temperatureIndex: number
  board: number
  stepIndex: number
  sweepIndex: number
}

/** States of one point of a campaign, in the order a point goes through them. */
export const CAMPAIGN_POINT_STATUSES = Object.freeze(['pending', 'running', 'done', 'failed', 'error'] as const)
export type CampaignPointStatus = (typeof CAMPAIGN_POINT_STATUSES)[number]

/** One (temperature, board, step, sweep point): one run of one library test over every socket of the board. */
export interface CampaignPoint extends CampaignPointKey {
  campaignId: string
  /** Position in the execution order, 0 first. */
  ordinal: number
  temperatureC: number
  test: string
  /** The step's parameters at this sweep point (the swept ones and the fixed ones), as the run got them. */
  parameters: Record<string, unknown>
  status: CampaignPointStatus
  /** The run of the latest attempt, once started. */
  runId: string | null
  attempts: number
}

export interface CampaignProgress {
  pointsDone: number
  pointsTotal: number
  /** DUTs with every point measured. */
  dutsDone: number
  /** The point being measured, or null between points and after the end. */
  current: (CampaignPointKey & { temperatureC: number; test: string }) | null
}

/** One stored campaign (a row of `campaigns`). Times are ISO-8601 strings in UTC. */
export interface CampaignRecord {
  /** UUID v4; short IDs are its first 8 hex characters, as for runs. */
  id: string
  name: string
  status: CampaignStatus
  /** Why a campaign ended in `error` or `aborted`, in one sentence. */
  statusReason: string | null
  startedAt: string
  completedAt: string | null
  station: string | null
  operator: string | null
  /** The plan file it was started from, or null for a pasted plan. */
  planPath: string | null
  /** The plan's YAML as given. */
  planText: string
  /** The validated plan (with `--set` overrides applied): what was run. */
  plan: unknown
  lotName: string
  lotSize: number
  sockets: number
  temperaturesC: number[]
  /** The plan's `acceptance.min_yield`, or null when it has none. */
  minYield: number | null
  /** Fraction of DUTs with every result within limits; null until a DUT is complete. */
  yield: number | null
  progress: CampaignProgress
  /** Bench-clock seconds the campaign has covered so far (simulated on the simulator): ramps, soaks and every run. */
  simulatedSeconds: number
  softwareVersion: string
  /** Process that owns a `running` campaign (for resume and recovery). */
  pid: number | null
  hostname: string | null
}

/** The verdict of a DUT over the whole campaign: `pass` when every one of its results is within limits. */
export const DUT_VERDICTS = Object.freeze(['pass', 'fail'] as const)
export type DutVerdict = (typeof DUT_VERDICTS)[number]

/** One part of the campaign's lot (a row of `campaign_duts`). */
export interface CampaignDut {
  campaignId: string
  /** The part's index in the lot, 0 first; its serial is `<lot name>-<index + 1, 3 digits>`. */
  lotIndex: number
  serial: string
  /** The board it was measured on (0 first) and its socket there (1 first). */
  board: number
  socket: number
  /** null until every point of the DUT is measured. */
  verdict: DutVerdict | null
  /** The DUT's simulated parameters (the simulator's truth); null on real hardware. */
  truth: Record<string, number> | null
}

/**
 * One value of the characteristics table for one DUT: a measured result of a point (with `runId`), or a parameter
 * derived across points (e.g. tempco over the temperatures; `runId` null).
 */
export interface CampaignResult {
  campaignId: string
  serial: string
  socket: number
  test: string
  /** The conditions it holds at, e.g. `{ temperature_c: 25, supply_v: 5 }`; derived values name their span. */
  conditions: Record<string, number | string>
  parameter: string
  value: number
  unit: string
  lowerLimit: number | null
  upperLimit: number | null
  /** null when the parameter has no limits. */
  passed: boolean | null
  runId: string | null
  /** The simulator's true value of this parameter for this DUT, where it has one (method accuracy). */
  truth: number | null
}

/** A parameter's statistics over the lot at one condition: a row of the datasheet's characteristics table. */
export interface CampaignStatistic {
  parameter: string
  conditions: Record<string, number | string>
  unit: string
  n: number
  mean: number
  /** Sample standard deviation (n − 1); 0 for one DUT. */
  std: number
  min: number
  max: number
  /** Process capability against the limits (one-sided when one limit is open); null without limits or spread. */
  cpk: number | null
  /** Fraction within limits; null without limits. */
  yield: number | null
  lowerLimit: number | null
  upperLimit: number | null
}

/** How accurate the test method is, on a simulated lot: measured − true for one parameter, over the DUTs. */
export interface MethodAccuracy {
  parameter: string
  conditions: Record<string, number | string>
  unit: string
  n: number
  meanError: number
  stdError: number
  maxAbsError: number
}

/**
 * Everything known of one campaign, as `dvt show-campaign --json`, the datasheet PDF and the dashboard read it:
 * the record, its lot, its points (the progress grid), every result, and the lot statistics and method accuracy
 * computed from the results (@dvt/campaigns).
 */
export interface CampaignSummary {
  campaign: CampaignRecord
  duts: CampaignDut[]
  points: CampaignPoint[]
  results: CampaignResult[]
  statistics: CampaignStatistic[]
  /** Empty on real hardware (no truth). */
  accuracy: MethodAccuracy[]
}

export interface CampaignQuery {
  limit?: number
  offset?: number
  status?: CampaignStatus
  station?: string
  /** Substring matched against id, name and lot name. */
  search?: string
}

export interface CampaignPage {
  campaigns: CampaignRecord[]
  total: number
}

/** A campaign as `createCampaign` takes it: stored `pending`, owned by the calling process, with no points yet. */
export interface NewCampaign {
  /** A UUID v4. */
  id: string
  name: string
  startedAt: string
  station?: string | null
  operator?: string | null
  planPath?: string | null
  planText: string
  plan: unknown
  lotName: string
  lotSize: number
  sockets: number
  temperaturesC: number[]
  minYield?: number | null
  softwareVersion: string
}

/** What `updateCampaign` may change; absent fields are left as they are. */
export interface CampaignPatch {
  status?: CampaignStatus
  statusReason?: string | null
  completedAt?: string | null
  yield?: number | null
  progress?: CampaignProgress
  simulatedSeconds?: number
  /** The process that owns the campaign now (a resume adopts it). */
  pid?: number | null
  hostname?: string | null
}

/** A DUT of the lot as `addCampaignDuts` takes it (added again, its board, socket and truth are updated). */
export type NewCampaignDut = Omit<CampaignDut, 'campaignId' | 'verdict'>

/** A point as `addCampaignPoints` takes it: stored `pending`, no attempts yet. */
export type NewCampaignPoint = Omit<CampaignPoint, 'campaignId' | 'status' | 'runId' | 'attempts'>

/** The statuses a point ends in (`finishCampaignPoint`). */
export type FinalCampaignPointStatus = Exclude<CampaignPointStatus, 'pending' | 'running'>

/** A result as a campaign stores it (`campaignId` is the campaign's). */
export type NewCampaignResult = Omit<CampaignResult, 'campaignId'>
