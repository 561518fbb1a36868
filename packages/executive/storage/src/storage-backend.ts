import type {
  BenchLock,
  CampaignDut,
  CampaignPage,
  CampaignPatch,
  CampaignPoint,
  CampaignPointKey,
  CampaignQuery,
  CampaignRecord,
  CampaignResult,
  CompletedRun,
  DutVerdict,
  EventRecord,
  FinalCampaignPointStatus,
  MeasurementRow,
  NewCampaign,
  NewCampaignDut,
  NewCampaignPoint,
  NewCampaignResult,
  NewRun,
  ResultRecord,
  RunFeedEntry,
  RunPage,
  RunQuery,
  RunRecord,
} from './records'

/**
 * Where campaigns live (docs/campaigns.md): the campaign, its lot, its points and their results. Writes go straight
 * to the database, each in one transaction.
 */
export interface CampaignStorage {
  /** Stores a new campaign as `pending`, owned by this process. `c.id` must be a UUID; a duplicate is refused. */
  createCampaign(c: NewCampaign): Promise<CampaignRecord>
  getCampaign(id: string): Promise<CampaignRecord | null>
  /** Resolves a full ID or a unique prefix of at least 8 hex characters, as `resolveRunId` does for runs. */
  resolveCampaignId(idOrPrefix: string): Promise<string>
  /** Newest first. */
  listCampaigns(query?: CampaignQuery): Promise<CampaignPage>
  updateCampaign(id: string, patch: CampaignPatch): Promise<CampaignRecord>
  /** Adds the DUTs of the lot; a DUT added again (same lot index) gets the new board, socket and truth. */
  addCampaignDuts(id: string, duts: readonly NewCampaignDut[]): Promise<void>
  /** In lot order. */
  getCampaignDuts(id: string): Promise<CampaignDut[]>
  setCampaignDutVerdict(id: string, serial: string, verdict: DutVerdict | null): Promise<void>
  addCampaignPoints(id: string, points: readonly NewCampaignPoint[]): Promise<void>
  /** In execution order. */
  getCampaignPoints(id: string): Promise<CampaignPoint[]>
  /** The point is `running` with this run (its latest attempt); attempts count up. */
  startCampaignPoint(id: string, key: CampaignPointKey, runId: string): Promise<void>
  /**
   * Ends a point and stores its results in ONE transaction, replacing any results an earlier attempt stored: a point
   * is done with all its results or not at all, so a process killed at any moment leaves no half.
   */
  finishCampaignPoint(
    id: string,
    key: CampaignPointKey,
    status: FinalCampaignPointStatus,
    results: readonly NewCampaignResult[],
  ): Promise<void>
  /**
   * Stores derived results (no point, `runId` null); one with the same DUT, test, parameter and conditions as a
   * stored one replaces it, so deriving again (a resume) keeps each once.
   */
  addCampaignResults(id: string, results: readonly NewCampaignResult[]): Promise<void>
  /** Measured results in point order, then derived ones. */
  getCampaignResults(id: string): Promise<CampaignResult[]>
  /**
   * Campaigns left `pending` or `running` by a dead process on this host become `aborted` ("interrupted"): they can
   * be resumed. Those of live processes, and of other hosts, are left alone.
   */
  recoverInterruptedCampaigns(): Promise<CampaignRecord[]>
}

/**
 * Where runs live. Every call is asynchronous so one interface serves an embedded store (SQLite, the default) and a
 * lab's shared server (PostgreSQL). A call that resolves has done what it says durably.
 */
export interface StorageBackend extends CampaignStorage {
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
