import { mkdirSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { acquireBenchLock, type BenchLockContext } from './internal/bench-lock'
import { columnsToRows, type MeasurementColumns } from './internal/measurement-columns'
import { isOwnerAlive } from './internal/process-alive'
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
import { type StagedBatch, stagedChunks } from './internal/staged-chunks'
import { decodeBatches, encodeBatch } from './internal/staging-codec'
import { prepareStatements, type Statements } from './internal/statements'
import type {
  BenchLock,
  CompletedRun,
  EventRecord,
  MeasurementRow,
  NewRun,
  ResultRecord,
  RunPage,
  RunQuery,
  RunRecord,
} from './records'
import { isFinalRunStatus } from './records'
import type { StorageBackend } from './storage-backend'
import { StorageError } from './storage-error'

/** The SQLite implementation of StorageBackend; make one with `openStorage`. */
export class SqliteStorage implements StorageBackend {
  readonly #db: Database.Database
  readonly #sql: Statements
  readonly #measurementsDir: string
  readonly #listStatements = new Map<string, Database.Statement>()
  readonly #host = hostname()

  /** @internal Use `openStorage`. */
  constructor(db: Database.Database, measurementsDir: string) {
    this.#db = db
    this.#sql = prepareStatements(db)
    this.#measurementsDir = measurementsDir
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
    if (!isFinalRunStatus(end.status)) {
      throw new StorageError(
        'STORAGE_INVALID_INPUT',
        `a run cannot end as "${end.status}" — use passed, failed, error or aborted`,
      )
    }
    const completedAt = toIso(end.completedAt, 'completedAt')
    const path = join(this.#measurementsDir, `run_${run.id}`, 'measurements.parquet')
    mkdirSync(join(this.#measurementsDir, `run_${run.id}`), { recursive: true })
    // Parquet and Arrow load on first use: listing runs (the CLI's most frequent call) never needs them.
    const { writeMeasurementsParquet } = await import('./internal/measurements-parquet')
    const batches = this.#sql.selectStaged.iterate(run.id) as IterableIterator<StagedBatch>
    const count = writeMeasurementsParquet(path, run.id, stagedChunks(batches), `dvt-bench ${run.softwareVersion}`)
    this.#db.transaction(() => {
      this.#sql.deleteStaged.run(run.id)
      const changes = this.#sql.finishRun.run(end.status, completedAt, end.statusReason ?? null, path, count, run.id)
      if (changes.changes === 0) throw this.#notOpen(run.id)
    })()
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
    const count = this.#listStatement(`SELECT COUNT(*) FROM runs ${where}`).pluck()
    return this.#db.transaction(() => {
      const runs = (page.all(...params, limit, offset) as RunRow[]).map(toRunRecord)
      // A short first page already is the whole answer: skip the second scan a search would need to count.
      const total = offset === 0 && runs.length < limit ? runs.length : (count.get(...params) as number)
      return { runs, total }
    })()
  }

  async addResults(runId: string, results: readonly ResultRecord[]): Promise<void> {
    this.#db.transaction(() => {
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
        )
      }
    })()
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
    this.#db.transaction(() => {
      if (this.#sql.countStaged.run(rows.length, runId).changes === 0) throw this.#notOpen(runId)
      this.#sql.insertStaged.run(runId, rows.length, batch)
    })()
  }

  async readMeasurements(runId: string): Promise<MeasurementRow[]> {
    return columnsToRows(await this.#readColumns(runId))
  }

  async readMeasurementsArrow(runId: string): Promise<Uint8Array> {
    const [{ tableToIPC }, { columnsToArrowTable }] = await Promise.all([
      import('apache-arrow'),
      import('./measurements-arrow'),
    ])
    return tableToIPC(columnsToArrowTable(await this.#readColumns(runId)), 'stream')
  }

  async acquireBench(bench: string, runId: string): Promise<BenchLock | null> {
    const context: BenchLockContext = { sql: this.#sql, pid: process.pid, host: this.#host }
    return this.#db.transaction(() => acquireBenchLock(context, bench, runId)).immediate()
  }

  async releaseBench(bench: string, runId: string): Promise<void> {
    this.#sql.releaseLock.run(bench, runId)
  }

  async recoverInterruptedRuns(): Promise<RunRecord[]> {
    const recovered: RunRecord[] = []
    for (const row of this.#sql.openRuns.all() as RunRow[]) {
      if (row.pid === null || row.hostname !== this.#host || isOwnerAlive(row.pid, row.hostname)) continue
      // Adopt the run first, so two processes recovering at once do not both compact it.
      if (this.#sql.adoptRun.run(process.pid, this.#host, row.id, row.pid, row.hostname).changes === 0) continue
      this.#addEvent(row.id, {
        time: new Date().toISOString(),
        simTime: null,
        level: 'error',
        message: `run interrupted: its process (pid ${row.pid} on ${row.hostname}) ended without finishing it; the measurements taken so far are kept`,
      })
      this.#sql.releaseRunLocks.run(row.id)
      recovered.push(
        await this.completeRun(row.id, {
          status: 'error',
          completedAt: new Date().toISOString(),
          statusReason: 'interrupted',
        }),
      )
    }
    return recovered
  }

  async close(): Promise<void> {
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
    try {
      const { readMeasurementsParquet } = await import('./internal/measurements-parquet')
      return await readMeasurementsParquet(snapshot.path)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      throw new StorageError(
        'STORAGE_MEASUREMENTS_MISSING',
        `the measurements file of run ${runId} is missing (${snapshot.path}) — was data.measurements_dir moved or cleaned?`,
        { cause: error },
      )
    }
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
    return new StorageError('STORAGE_INVALID_STATE', `run ${id} has already ended (${status}) — start a new run`)
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
