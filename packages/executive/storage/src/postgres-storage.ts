import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import pg from 'pg'
import { columnsToArrowIpc } from './internal/arrow-ipc'
import { CampaignStore } from './internal/campaign-store'
import { DEFAULT_LEASE_MS, LeaseKeeper } from './internal/lease'
import { columnsToRows, type MeasurementColumns } from './internal/measurement-columns'
import { postgresCampaignDb } from './internal/pg-campaign-db'
import { isConnectionLoss, unreachable } from './internal/pg-errors'
import { watchFeed } from './internal/pg-feed'
import { migratePostgres } from './internal/pg-migrate'
import { Spool } from './internal/pg-spool'
import { SpooledWriter } from './internal/pg-spooled-writer'
import { getRunRow, inTransaction, stagedBatches, takeBenchLock } from './internal/pg-writes'
import { isProcessAlive } from './internal/process-alive'
import { readRunParquet } from './internal/run-files'
import { ambiguous, normaliseFullId, normaliseIdOrPrefix, notFound, prefixUpperBound } from './internal/run-id'
import { numberPlaceholders, runQuerySql } from './internal/run-query-sql'
import {
  type EventRow,
  provisionalRun,
  type ResultRow,
  RUN_COLUMNS,
  type RunRow,
  toEventRecord,
  toResultRecord,
  toRunRecord,
} from './internal/run-row'
import { ended, interruptedEnd, interruptedEvent } from './internal/run-rules'
import { FEED_RETENTION_MS } from './internal/schema'
import { decodeBatches, encodeBatch } from './internal/staging-codec'
import type { BackendOptions } from './open-storage'
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
import type { StorageError } from './storage-error'

export interface PostgresStorageOptions extends BackendOptions {
  databaseUrl: string
  /** Connections in the pool [4]. */
  poolSize?: number
}

/**
 * The PostgreSQL implementation of StorageBackend, for a lab's shared database; make one with `openStorageBackend`.
 * Writes that fail because the database went away are kept in a local durable spool and written, in order, once it is
 * back (docs/adr/0007-lab-storage-and-the-run-event-feed.md): a run rides out an outage and loses nothing.
 */
// The campaign half of the contract is inherited: one implementation over either database (internal/campaign-store.ts).
export class PostgresStorage extends CampaignStore implements StorageBackend {
  readonly #pool: pg.Pool
  readonly #url: string
  readonly #measurementsDir: string
  readonly #host: string
  readonly #leases: LeaseKeeper
  readonly #writer: SpooledWriter
  readonly #watchers = new Set<() => Promise<void>>()
  /** Runs this store created: what `completeRun` answers while the database is away. */
  readonly #mine = new Map<string, RunRecord>()
  #closed = false

  /** @internal Use `openStorageBackend`. */
  constructor(pool: pg.Pool, options: PostgresStorageOptions, spoolDir: string) {
    super(postgresCampaignDb(pool), options.hostName ?? hostname())
    this.#pool = pool
    this.#url = options.databaseUrl
    this.#measurementsDir = resolve(options.measurementsDir)
    this.#host = options.hostName ?? hostname()
    this.#writer = new SpooledWriter(
      { pool, measurementsDir: this.#measurementsDir, notOpen: (id) => this.#notOpen(id) },
      spoolDir,
    )
    this.#leases = new LeaseKeeper(options.lockLeaseMs ?? DEFAULT_LEASE_MS, async (bench, runId) => {
      await this.#pool.query(
        'UPDATE bench_locks SET expires_at = $1 WHERE bench = $2 AND run_id = $3 AND pid = $4 AND hostname = $5',
        [this.#leases.expiry(), bench, runId, process.pid, this.#host],
      )
    })
  }

  /** Writes kept locally while the database was unreachable and not yet written to it. */
  get spooled(): number {
    return this.#writer.pending
  }

  /** Every write this store had to keep locally because the database was unreachable (written later, or pending). */
  get keptWrites(): number {
    return this.#writer.kept
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    const id = normaliseFullId(run.id)
    await this.#writer.write({ kind: 'createRun', run: { ...run, id }, pid: process.pid, host: this.#host })
    const created = this.#writer.pending > 0 ? provisionalRun(run, id, this.#host) : await this.#requireRun(id)
    this.#mine.set(id, created)
    return created
  }

  async startRun(id: string): Promise<void> {
    await this.#writer.write({ kind: 'startRun', id, pid: process.pid, host: this.#host })
    const mine = this.#mine.get(id)
    if (mine) mine.status = 'running'
  }

  async completeRun(id: string, end: CompletedRun): Promise<RunRecord> {
    await this.#writer.write({ kind: 'completeRun', id, end })
    const mine = this.#mine.get(id)
    this.#mine.delete(id)
    if (this.#writer.pending > 0 && mine)
      return { ...mine, status: end.status, completedAt: end.completedAt, statusReason: end.statusReason ?? null }
    return this.#requireRun(id)
  }

  async getRun(id: string): Promise<RunRecord | null> {
    return this.#read(() => getRunRow(this.#pool, id))
  }

  async resolveRunId(idOrPrefix: string): Promise<string> {
    const { id, full } = normaliseIdOrPrefix(idOrPrefix)
    return this.#read(async () => {
      if (full) {
        const found = await this.#pool.query('SELECT 1 FROM runs WHERE id = $1', [id])
        if (found.rowCount === 0) throw notFound(idOrPrefix)
        return id
      }
      const { rows } = await this.#pool.query<{ id: string }>(
        'SELECT id FROM runs WHERE id >= $1 AND id < $2 ORDER BY id LIMIT 6',
        [id, prefixUpperBound(id)],
      )
      if (rows.length === 0) throw notFound(idOrPrefix)
      if (rows.length > 1)
        throw ambiguous(
          idOrPrefix,
          rows.slice(0, 5).map((r) => r.id),
          rows.length > 5,
        )
      return rows[0]!.id
    })
  }

  async listRuns(query: RunQuery = {}): Promise<RunPage> {
    const { where, params, limit, offset } = runQuerySql(query, 'ILIKE')
    const sql = numberPlaceholders(where)
    const n = params.length
    return this.#read(async () => {
      const page = await this.#pool.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM runs ${sql} ORDER BY started_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...params, limit, offset],
      )
      const runs = page.rows.map(toRunRecord)
      if (offset === 0 && runs.length < limit) return { runs, total: runs.length }
      // Unfiltered, the total is the counter the trigger keeps (a million runs are not counted on every listing).
      const count = await this.#pool.query<{ n: string }>(
        where === '' ? 'SELECT n FROM run_count' : `SELECT count(*) AS n FROM runs ${sql}`,
        where === '' ? [] : params,
      )
      return { runs, total: Number(count.rows[0]!.n) }
    })
  }

  async addResults(runId: string, results: readonly ResultRecord[]): Promise<void> {
    await this.#writer.write({ kind: 'addResults', runId, results })
  }

  async getResults(runId: string): Promise<ResultRecord[]> {
    return this.#read(async () => {
      const { rows } = await this.#pool.query<ResultRow>(
        'SELECT parameter, value, unit, lower_limit, upper_limit, passed, socket FROM results WHERE run_id = $1 ORDER BY id',
        [runId],
      )
      return rows.map(toResultRecord)
    })
  }

  async addEvent(runId: string, event: EventRecord): Promise<void> {
    await this.#writer.write({ kind: 'addEvent', runId, event })
  }

  async getEvents(runId: string): Promise<EventRecord[]> {
    return this.#read(async () => {
      const { rows } = await this.#pool.query<EventRow>(
        'SELECT time, sim_time, level, message FROM events WHERE run_id = $1 ORDER BY id',
        [runId],
      )
      return rows.map(toEventRecord)
    })
  }

  async appendMeasurements(runId: string, rows: readonly MeasurementRow[]): Promise<void> {
    if (rows.length === 0) return
    await this.#writer.write({ kind: 'append', runId, rowCount: rows.length, batch: encodeBatch(rows) })
    const mine = this.#mine.get(runId)
    if (mine) mine.measurementCount += rows.length
  }

  async readMeasurements(runId: string): Promise<MeasurementRow[]> {
    return columnsToRows(await this.#readColumns(runId))
  }

  async readMeasurementsArrow(runId: string): Promise<Uint8Array> {
    return columnsToArrowIpc(await this.#readColumns(runId))
  }

  async acquireBench(bench: string, runId: string): Promise<BenchLock | null> {
    const me = { runId, pid: process.pid, host: this.#host }
    const holder = await this.#read(() => takeBenchLock(this.#pool, bench, me, this.#leases.expiry()))
    if (holder === null) this.#leases.hold(bench, runId)
    return holder
  }

  async releaseBench(bench: string, runId: string): Promise<void> {
    this.#leases.drop(bench, runId)
    await this.#writer.write({ kind: 'releaseBench', bench, runId })
  }

  async publishRunEvent(runId: string, event: unknown): Promise<void> {
    return this.#writer.publish(runId, event)
  }

  async watchRunEvents(
    onEvent: (entry: RunFeedEntry) => void,
    options: { since?: number } = {},
  ): Promise<() => Promise<void>> {
    let stop: () => Promise<void>
    try {
      stop = await watchFeed(this.#url, onEvent, options.since)
    } catch (error) {
      throw isConnectionLoss(error) ? unreachable(this.#url, error) : error
    }
    this.#watchers.add(stop)
    return async () => {
      this.#watchers.delete(stop)
      await stop()
    }
  }

  async recoverInterruptedRuns(): Promise<RunRecord[]> {
    const open = await this.#read(async () => {
      const { rows } = await this.#pool.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE status IN ('pending', 'running') AND hostname = $1 ORDER BY started_at`,
        [this.#host],
      )
      return rows.map(toRunRecord)
    })
    const recovered: RunRecord[] = []
    for (const run of open) {
      if (run.pid === null || isProcessAlive(run.pid)) continue
      // Adopt the run first, so two processes recovering at once do not both compact it.
      const adopted = await this.#pool.query(
        `UPDATE runs SET pid = $1 WHERE id = $2 AND pid = $3 AND hostname = $4 AND status IN ('pending', 'running')`,
        [process.pid, run.id, run.pid, this.#host],
      )
      if (adopted.rowCount === 0) continue
      await this.addEvent(run.id, interruptedEvent(run.pid, run.hostname))
      await this.#pool.query('DELETE FROM bench_locks WHERE run_id = $1', [run.id])
      recovered.push(await this.completeRun(run.id, interruptedEnd()))
    }
    return recovered
  }

  /** Writes what spools of dead processes of this host kept (done when the store opens), and prunes the feed. */
  async replayLeftovers(spoolDir: string): Promise<void> {
    for (const spool of Spool.leftovers(spoolDir)) await this.#writer.replay(spool)
    const before = new Date(Date.now() - FEED_RETENTION_MS)
    // Entries are in time order: one look at the oldest says whether there is anything to prune (a read, not a write).
    const oldest = await this.#pool.query<{ created_at: Date }>('SELECT created_at FROM run_feed ORDER BY seq LIMIT 1')
    if (oldest.rows[0] && oldest.rows[0].created_at < before) {
      await this.#pool.query('DELETE FROM run_feed WHERE created_at < $1', [before])
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#writer.close()
    this.#leases.dropAll()
    await Promise.all([...this.#watchers].map((stop) => stop()))
    this.#watchers.clear()
    await this.#pool.end()
  }

  // --- reads: after what this store kept is written, so a process reads its own writes ---

  async #read<T>(query: () => Promise<T>): Promise<T> {
    try {
      if (this.#writer.pending > 0) await this.#writer.drainNow()
      return await query()
    } catch (error) {
      throw isConnectionLoss(error) ? unreachable(this.#url, error) : error
    }
  }

  async #readColumns(runId: string): Promise<MeasurementColumns> {
    const snapshot = await this.#read(() =>
      inTransaction(this.#pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
        const run = await getRunRow(client, runId)
        if (!run) throw notFound(runId)
        if (run.parquetPath !== null) return { path: run.parquetPath }
        return { staged: decodeBatches(await stagedBatches(client, run.id)) }
      }),
    )
    return snapshot.staged ?? readRunParquet(runId, snapshot.path)
  }

  async #requireRun(id: string): Promise<RunRecord> {
    const run = await this.getRun(id)
    if (!run) throw notFound(id)
    return run
  }

  async #notOpen(id: string): Promise<StorageError> {
    const { rows } = await this.#pool.query<{ status: string }>('SELECT status FROM runs WHERE id = $1', [id])
    if (!rows[0]) return notFound(id)
    return ended(id, rows[0].status)
  }
}

/**
 * Connects to `databaseUrl`, brings its schema to this code's version (refusing a newer one), writes what spools of
 * dead processes kept, and returns the store. Unreachable: one sentence (`STORAGE_UNREACHABLE`), nothing written.
 */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  const url = options.databaseUrl
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4, connectionTimeoutMillis: 5000 })
  // An idle connection cut by the server (an outage) is reported here; the next query reconnects.
  pool.on('error', () => undefined)
  try {
    await migratePostgres(pool, url)
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw isConnectionLoss(error) ? unreachable(url, error) : error
  }
  const spoolDir = options.spoolDir ?? join(dirname(resolve(options.databasePath)), 'spool')
  mkdirSync(resolve(options.measurementsDir), { recursive: true })
  const storage = new PostgresStorage(pool, options, spoolDir)
  try {
    await storage.replayLeftovers(spoolDir)
  } catch (error) {
    await storage.close()
    throw isConnectionLoss(error) ? unreachable(url, error) : error
  }
  return storage
}
