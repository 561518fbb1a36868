import { hostname } from 'node:os'
import type Database from 'better-sqlite3'
import { columnsToArrowIpc } from './internal/arrow-ipc'
import { sqliteCampaignDb } from './internal/campaign-db'
import { CampaignStore } from './internal/campaign-store'
import { DEFAULT_LEASE_MS, LeaseKeeper, mayTakeBench } from './internal/lease'
import { columnsToRows, type MeasurementColumns } from './internal/measurement-columns'
import { isProcessAlive } from './internal/process-alive'
import { moveLegacyParquet, readRunParquet, writeRunParquet } from './internal/run-files'
import { ambiguous, normaliseFullId, normaliseIdOrPrefix, notFound, prefixUpperBound } from './internal/run-id'
import { runQuerySql, toIso } from './internal/run-query-sql'
import {
  type EventRow,
  type ResultRow,
  RUN_COLUMNS,
  type RunRow,
  toEventRecord,
  toResultRecord,
  toRunRecord,
} from './internal/run-row'
import { checkFinalStatus, ended, interruptedEnd, interruptedEvent } from './internal/run-rules'
import { FEED_RETENTION_MS } from './internal/schema'
import { writeTransaction } from './internal/sqlite-write'
import type { StagedBatch } from './internal/staged-chunks'
import { decodeBatches, encodeBatch } from './internal/staging-codec'
import { prepareStatements, type Statements } from './internal/statements'
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
import type { StorageBackend } from './storage-backend'
import { StorageError } from './storage-error'

/** How often a watcher of the SQLite feed looks for new entries, ms. */
const FEED_POLL_MS = 50

export interface SqliteStorageSettings {
  /** Bench lock lease, ms [30 000]. */
  lockLeaseMs?: number
  /** The name this host goes by in runs and locks [os.hostname()]; tests give two stores two names. */
  hostName?: string
}

/** The SQLite implementation of StorageBackend; make one with `openStorage`. */
// The campaign half of the contract is inherited: one implementation over either database (internal/campaign-store.ts).
// Every transaction that writes is a `writeTransaction` (internal/sqlite-write.ts).
export class SqliteStorage extends CampaignStore implements StorageBackend {
  readonly #db: Database.Database
  readonly #sql: Statements
  readonly #measurementsDir: string
  readonly #listStatements = new Map<string, Database.Statement>()
  readonly #host: string
  readonly #leases: LeaseKeeper
  readonly #watchers = new Set<() => void>()

  /** @internal Use `openStorage`. */
  constructor(db: Database.Database, measurementsDir: string, settings: SqliteStorageSettings = {}) {
    super(sqliteCampaignDb(db), settings.hostName ?? hostname())
    this.#db = db
    this.#sql = prepareStatements(db)
    this.#measurementsDir = measurementsDir
    this.#host = settings.hostName ?? hostname()
    this.#leases = new LeaseKeeper(settings.lockLeaseMs ?? DEFAULT_LEASE_MS, async (bench, runId) => {
      this.#sql.renewLock.run(this.#leases.expiry(), bench, runId, process.pid, this.#host)
    })
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    const id = normaliseFullId(run.id)
    try {
      this.#sql.insertRun.run({
        id,
        test: run.test,
        startedAt: toIso(run.startedAt, 'startedAt'),
        operator: run.operator ?? null,
        dutSerial: run.dutSerial ?? null,
        station: run.station ?? null,
        description: run.description ?? null,
        parameters: JSON.stringify(run.parameters ?? {}),
        config: JSON.stringify(run.config ?? null),
        seed: run.seed ?? null,
        softwareVersion: run.softwareVersion,
        pid: process.pid,
        hostname: this.#host,
        campaignId: run.campaignId ?? null,
        provenance: run.provenance ? JSON.stringify(run.provenance) : null,
      })
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new StorageError('STORAGE_RUN_EXISTS', `a run with ID ${id} already exists — use a new UUID`, {
          cause: error,
        })
      }
      throw error
    }
    return this.#requireRun(id)
  }

  async startRun(id: string): Promise<void> {
    const changes = this.#sql.startRun.run(process.pid, this.#host, id).changes
    if (changes === 0) throw this.#notOpen(id)
  }

  async completeRun(id: string, end: CompletedRun): Promise<RunRecord> {
    const run = this.#requireRun(id)
    if (run.status !== 'pending' && run.status !== 'running') throw this.#notOpen(id)
    checkFinalStatus(end.status)
    const completedAt = toIso(end.completedAt, 'completedAt')
    const batches = this.#sql.selectStaged.iterate(run.id) as IterableIterator<StagedBatch>
    const { path, count } = await writeRunParquet(this.#measurementsDir, run, batches)
    writeTransaction(this.#db, () => {
      this.#sql.deleteStaged.run(run.id)
      const changes = this.#sql.finishRun.run(end.status, completedAt, end.statusReason ?? null, path, count, run.id)
      if (changes.changes === 0) throw this.#notOpen(run.id)
    })
    return this.#requireRun(run.id)
  }

  async getRun(id: string): Promise<RunRecord | null> {
    return this.#getRun(id)
  }

  #getRun(id: string): RunRecord | null {
    const row = this.#sql.getRun.get(id.toLowerCase()) as RunRow | undefined
    return row ? toRunRecord(row) : null
  }

  async resolveRunId(idOrPrefix: string): Promise<string> {
    const { id, full } = normaliseIdOrPrefix(idOrPrefix)
    if (full) {
      if (this.#sql.runExists.get(id) === undefined) throw notFound(idOrPrefix)
      return id
    }
    const matches = this.#sql.idsInRange.all(id, prefixUpperBound(id)) as string[]
    if (matches.length === 0) throw notFound(idOrPrefix)
    if (matches.length > 1) throw ambiguous(idOrPrefix, matches.slice(0, 5), matches.length > 5)
    return matches[0]!
  }

  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    const { where, params, limit, offset } = runQuerySql(query)
    const page = this.#listStatement(
      `SELECT ${RUN_COLUMNS} FROM runs ${where} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    // Unfiltered, the total is the counter the triggers keep (a million runs are not counted on every listing).
    const count = where === '' ? this.#sql.runCount : this.#listStatement(`SELECT COUNT(*) FROM runs ${where}`).pluck()
    return this.#db.transaction(() => {
      const runs = (page.all(...params, limit, offset) as RunRow[]).map(toRunRecord)
      // A short first page already is the whole answer: skip the second scan a search would need to count.
      const total = offset === 0 && runs.length < limit ? runs.length : (count.get(...params) as number)
      return { runs, total }
    })()
  }

  async addResults(runId: string, results: readonly ResultRecord[]): Promise<void> {
    writeTransaction(this.#db, () => {
      this.#requireExists(runId)
      for (const r of results) {
        const passed = r.passed === null || r.passed === undefined ? null : r.passed ? 1 : 0
        this.#sql.insertResult.run(
          runId,
          r.parameter,
          r.value,
          r.unit,
          r.lowerLimit ?? null,
          r.upperLimit ?? null,
          passed,
          r.socket ?? null,
        )
      }
    })
  }

  async getResults(runId: string): Promise<ResultRecord[]> {
    return (this.#sql.selectResults.all(runId) as ResultRow[]).map(toResultRecord)
  }

  async addEvent(runId: string, event: EventRecord): Promise<void> {
    this.#addEvent(runId, event)
  }

  #addEvent(runId: string, event: EventRecord): void {
    this.#requireExists(runId)
    this.#sql.insertEvent.run(runId, event.time, event.simTime ?? null, event.level, event.message)
  }

  async getEvents(runId: string): Promise<EventRecord[]> {
    return (this.#sql.selectEvents.all(runId) as EventRow[]).map(toEventRecord)
  }

  async appendMeasurements(runId: string, rows: readonly MeasurementRow[]): Promise<void> {
    if (rows.length === 0) return
    const batch = encodeBatch(rows)
    writeTransaction(this.#db, () => {
      if (this.#sql.countStaged.run(rows.length, runId).changes === 0) throw this.#notOpen(runId)
      this.#sql.insertStaged.run(runId, rows.length, batch)
    })
  }

  async readMeasurements(runId: string): Promise<MeasurementRow[]> {
    return columnsToRows(await this.#readColumns(runId))
  }

  async readMeasurementsArrow(runId: string): Promise<Uint8Array> {
    return columnsToArrowIpc(await this.#readColumns(runId))
  }

  async acquireBench(bench: string, runId: string): Promise<BenchLock | null> {
    const me = { runId, pid: process.pid, host: this.#host }
    // The write lock is taken first: two processes cannot both see the bench free.
    const holder = writeTransaction(this.#db, () => {
      const current = this.#sql.getLock.get(bench) as BenchLock | undefined
      if (!mayTakeBench(current, me, Date.now())) return current!
      const since = current?.runId === runId && current.pid === me.pid ? current.since : new Date().toISOString()
      this.#sql.putLock.run(bench, runId, me.pid, me.host, since, this.#leases.expiry())
      return null
    })
    if (holder === null) this.#leases.hold(bench, runId)
    return holder
  }

  async releaseBench(bench: string, runId: string): Promise<void> {
    this.#leases.drop(bench, runId)
    this.#sql.releaseLock.run(bench, runId)
  }

  async publishRunEvent(runId: string, event: unknown): Promise<void> {
    this.#sql.insertFeed.run(runId, JSON.stringify(event), new Date().toISOString())
  }

  async watchRunEvents(
    onEvent: (entry: RunFeedEntry) => void,
    options: { since?: number } = {},
  ): Promise<() => Promise<void>> {
    // A tail of the run_feed table: every process appends to it, each watcher polls for rows after its cursor.
    let cursor = options.since ?? (this.#sql.feedLast.get() as number)
    const poll = () => {
      if (!this.#db.open) return
      for (;;) {
        const rows = this.#sql.feedAfter.all(cursor) as { seq: number; runId: string; event: string }[]
        for (const row of rows) {
          cursor = row.seq
          onEvent({ runId: row.runId, seq: row.seq, event: JSON.parse(row.event) as unknown })
        }
        if (rows.length < 1000) return
      }
    }
    const timer = setInterval(poll, FEED_POLL_MS)
    timer.unref()
    const stop = () => clearInterval(timer)
    this.#watchers.add(stop)
    return async () => {
      stop()
      this.#watchers.delete(stop)
    }
  }

  /** Forgets feed entries older than `FEED_RETENTION_MS` (done when a store opens). */
  pruneRunFeed(now = Date.now()): void {
    const before = new Date(now - FEED_RETENTION_MS).toISOString()
    // Entries are in time order: one look at the oldest says whether there is anything to prune (a read, not a write).
    const oldest = this.#sql.oldestFeed.get() as string | undefined
    if (oldest !== undefined && oldest < before) this.#sql.pruneFeed.run(before)
  }

  /**
   * Moves Parquet files of the old layout (`run_<id>/measurements.parquet`) into the dataset
   * (`station=…/test=…/date=…/run_<id>.parquet`, with the metadata columns). Returns how many were moved.
   */
  async moveLegacyMeasurements(): Promise<number> {
    let moved = 0
    for (;;) {
      const ids = this.#sql.legacyParquet.all() as string[]
      if (ids.length === 0) return moved
      for (const id of ids) {
        const run = this.#getRun(id)
        const path = run ? await moveLegacyParquet(this.#measurementsDir, run) : null
        writeTransaction(this.#db, () => {
          if (path !== null) this.#sql.setParquetPath.run(path, id)
          this.#sql.doneLegacy.run(id)
        })
        if (path !== null) moved++
      }
    }
  }

  async recoverInterruptedRuns(): Promise<RunRecord[]> {
    const recovered: RunRecord[] = []
    for (const row of this.#sql.openRuns.all() as RunRow[]) {
      if (row.pid === null || row.hostname !== this.#host || isProcessAlive(row.pid)) continue
      // Adopt the run first, so two processes recovering at once do not both compact it.
      if (this.#sql.adoptRun.run(process.pid, this.#host, row.id, row.pid, row.hostname).changes === 0) continue
      this.#addEvent(row.id, interruptedEvent(row.pid, row.hostname))
      this.#sql.releaseRunLocks.run(row.id)
      recovered.push(await this.completeRun(row.id, interruptedEnd()))
    }
    return recovered
  }

  async close(): Promise<void> {
    this.#leases.dropAll()
    for (const stop of this.#watchers) stop()
    this.#watchers.clear()
    if (this.#db.open) this.#db.close()
  }

  async #readColumns(runId: string): Promise<MeasurementColumns> {
    // One read transaction: a run completing meanwhile is seen either before or after, never half-way.
    const snapshot = this.#db.transaction(() => {
      const run = this.#requireRun(runId)
      if (run.parquetPath !== null) return { path: run.parquetPath }
      return { staged: decodeBatches(this.#sql.selectStaged.all(run.id) as StagedBatch[]) }
    })()
    if (snapshot.staged) return snapshot.staged
    return readRunParquet(runId, snapshot.path)
  }

  #requireRun(id: string): RunRecord {
    const run = this.#getRun(id)
    if (!run) throw notFound(id)
    return run
  }

  #requireExists(id: string): void {
    if (this.#sql.runExists.get(id) === undefined) throw notFound(id)
  }

  /** The error for a run that is missing or no longer open (pending / running). */
  #notOpen(id: string): StorageError {
    const status = this.#sql.runStatus.get(id) as string | undefined
    if (status === undefined) return notFound(id)
    return ended(id, status)
  }

  #listStatement(sql: string): Database.Statement {
    let statement = this.#listStatements.get(sql)
    if (!statement) {
      statement = this.#db.prepare(sql)
      this.#listStatements.set(sql, statement)
    }
    return statement
  }
}
