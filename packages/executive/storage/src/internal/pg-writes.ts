import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import type { BenchLock, CompletedRun, NewRun, ResultRecord, RunRecord } from '../records'
import { StorageError } from '../storage-error'
import { type LockClaimant, mayTakeBench } from './lease'
import { decodeCopyBinary, encodeCopyBinary } from './pg-copy'
import { isConnectionLoss } from './pg-errors'
import type { SpoolOp } from './pg-spool'
import { writeRunParquet } from './run-files'
import { normaliseFullId } from './run-id'
import { toIso } from './run-query-sql'
import { RUN_COLUMNS, type RunRow, toRunRecord } from './run-row'
import { checkFinalStatus } from './run-rules'
import { RUN_NOT_OPEN } from './schema'
import type { StagedBatch } from './staged-chunks'

/** What applying a write needs besides the operation itself. */
export interface WriteContext {
  pool: pg.Pool
  measurementsDir: string
  /** The error for a run that is missing or has ended. */
  notOpen(id: string): Promise<StorageError>
}

const OPEN = "status IN ('pending', 'running')"

/** Runs `work` in one transaction on one connection of the pool. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  // A connection cut while checked out (an outage) is reported on the client; the query in flight fails with it.
  const onError = (error: Error) => {
    broken = error
  }
  client.on('error', onError)
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    broken = error as Error
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.off('error', onError)
    // A client whose connection failed is dropped rather than handed out again.
    client.release(broken && isConnectionLoss(broken) ? broken : undefined)
  }
}

export async function getRunRow(db: pg.Pool | pg.PoolClient, id: string): Promise<RunRecord | null> {
  const { rows } = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = $1`, [id.toLowerCase()])
  return rows[0] ? toRunRecord(rows[0]) : null
}

/** Applies one write. Every write is one transaction, so a replayed spool leaves no half-done operation. */
export async function applyWrite(ctx: WriteContext, op: SpoolOp): Promise<void> {
  const { pool } = ctx
  switch (op.kind) {
    case 'createRun':
      return insertRun(pool, op.run, op.pid, op.host)
    case 'startRun': {
      const r = await pool.query(
        `UPDATE runs SET status = 'running', pid = $1, hostname = $2 WHERE id = $3 AND ${OPEN}`,
        [op.pid, op.host, op.id],
      )
      if (r.rowCount === 0) throw await ctx.notOpen(op.id)
      return
    }
    case 'addResults':
      return addResults(ctx, op.runId, op.results)
    case 'addEvent': {
      const e = op.event
      const r = await pool.query(
        'INSERT INTO events (run_id, time, sim_time, level, message) SELECT id, $2, $3, $4, $5 FROM runs WHERE id = $1',
        [op.runId, e.time, e.simTime ?? null, e.level, e.message],
      )
      if (r.rowCount === 0) throw await ctx.notOpen(op.runId)
      return
    }
    case 'append':
      return appendBatch(ctx, op.runId, op.rowCount, op.batch)
    case 'completeRun':
      return completeRun(ctx, op.id, op.end)
    case 'publish':
      await pool.query('SELECT dvt_publish($1, $2)', [op.entries.map((e) => e.runId), op.entries.map((e) => e.event)])
      return
    case 'releaseBench':
      await pool.query('DELETE FROM bench_locks WHERE bench = $1 AND run_id = $2', [op.bench, op.runId])
      return
  }
}

async function insertRun(pool: pg.Pool, run: NewRun, pid: number, host: string): Promise<void> {
  const id = normaliseFullId(run.id)
  try {
    await pool.query(
      `INSERT INTO runs (id, test, status, started_at, operator, dut_serial, station, description, parameters, config,
         seed, software_version, pid, hostname, campaign_id, provenance)
       VALUES ($1, $2, 'pending', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        id,
        run.test,
        toIso(run.startedAt, 'startedAt'),
        run.operator ?? null,
        run.dutSerial ?? null,
        run.station ?? null,
        run.description ?? null,
        JSON.stringify(run.parameters ?? {}),
        JSON.stringify(run.config ?? null),
        run.seed ?? null,
        run.softwareVersion,
        pid,
        host,
        run.campaignId ?? null,
        run.provenance ? JSON.stringify(run.provenance) : null,
      ],
    )
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new StorageError('STORAGE_RUN_EXISTS', `a run with ID ${id} already exists — use a new UUID`, {
        cause: error,
      })
    }
    throw error
  }
}

async function addResults(ctx: WriteContext, runId: string, results: readonly ResultRecord[]) {
  await inTransaction(ctx.pool, async (client) => {
    const exists = await client.query('SELECT 1 FROM runs WHERE id = $1', [runId])
    if (exists.rowCount === 0) throw await ctx.notOpen(runId)
    if (results.length === 0) return
    await client.query(
      `INSERT INTO results (run_id, parameter, value, unit, lower_limit, upper_limit, passed, socket)
       SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::text[], $5::float8[], $6::float8[], $7::bool[], $8::int[])`,
      [
        runId,
        results.map((r) => r.parameter),
        results.map((r) => r.value),
        results.map((r) => r.unit),
        results.map((r) => r.lowerLimit ?? null),
        results.map((r) => r.upperLimit ?? null),
        results.map((r) => r.passed ?? null),
        results.map((r) => r.socket ?? null),
      ],
    )
  })
}

/**
 * One staged batch, as one binary COPY (its own transaction): the `staging_counted` trigger counts it towards the
 * run and refuses a run that is missing or has ended.
 */
async function appendBatch(ctx: WriteContext, runId: string, rowCount: number, batch: Uint8Array): Promise<void> {
  const client = await ctx.pool.connect()
  let broken: Error | undefined
  try {
    const data = encodeCopyBinary([[{ text: runId }, { int4: rowCount }, { bytes: batch }]])
    const copy = client.query(
      copyFrom('COPY measurements_staging (run_id, row_count, batch) FROM STDIN (FORMAT binary)'),
    )
    await pipeline(Readable.from([data]), copy)
  } catch (error) {
    broken = error as Error
    if ((error as { code?: string }).code === RUN_NOT_OPEN) throw await ctx.notOpen(runId)
    throw error
  } finally {
    client.release(broken && isConnectionLoss(broken) ? broken : undefined)
  }
}

/** The staged batches of a run, in append order, read with one binary COPY (bytes as they are, not hex text). */
export async function stagedBatches(db: pg.Pool | pg.PoolClient, runId: string): Promise<StagedBatch[]> {
  const client = 'release' in db ? db : await db.connect()
  try {
    const literal = `'${normaliseFullId(runId)}'`
    const stream = client.query(
      copyTo(
        `COPY (SELECT row_count, batch FROM measurements_staging WHERE run_id = ${literal} ORDER BY id) TO STDOUT (FORMAT binary)`,
      ),
    )
    const chunks: Buffer[] = []
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return decodeCopyBinary(Buffer.concat(chunks)).map(([count, batch]) => ({
      rowCount: count!.readInt32BE(0),
      batch: batch!,
    }))
  } finally {
    if (client !== db) (client as pg.PoolClient).release()
  }
}

async function completeRun(ctx: WriteContext, id: string, end: CompletedRun) {
  const run = await getRunRow(ctx.pool, id)
  if (!run || (run.status !== 'pending' && run.status !== 'running')) throw await ctx.notOpen(id)
  checkFinalStatus(end.status)
  const completedAt = toIso(end.completedAt, 'completedAt')
  const { path, count } = await writeRunParquet(ctx.measurementsDir, run, await stagedBatches(ctx.pool, run.id))
  await inTransaction(ctx.pool, async (client) => {
    const done = await client.query(
      `UPDATE runs SET status = $1, completed_at = $2, status_reason = $3, parquet_path = $4, measurement_count = $5
       WHERE id = $6 AND ${OPEN}`,
      [end.status, completedAt, end.statusReason ?? null, path, count, run.id],
    )
    if (done.rowCount === 0) throw await ctx.notOpen(run.id)
    await client.query('DELETE FROM measurements_staging WHERE run_id = $1', [run.id])
  })
}

/**
 * Takes `bench` for `me` unless someone else holds a live lease on it; returns that holder, or null when taken. The
 * row exists before it is locked, so two takers queue on FOR UPDATE instead of racing an INSERT.
 */
export async function takeBenchLock(
  pool: pg.Pool,
  bench: string,
  me: LockClaimant,
  expiresAt: string,
): Promise<BenchLock | null> {
  return inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO bench_locks (bench, run_id, pid, hostname, since, expires_at)
       VALUES ($1, '', 0, '', '', '1970-01-01T00:00:00.000Z') ON CONFLICT (bench) DO NOTHING`,
      [bench],
    )
    const { rows } = await client.query<BenchLock>(
      `SELECT bench, run_id AS "runId", pid, hostname, since, expires_at AS "expiresAt"
       FROM bench_locks WHERE bench = $1 FOR UPDATE`,
      [bench],
    )
    const current = rows[0]?.runId ? rows[0] : undefined
    if (!mayTakeBench(current, me, Date.now())) return current!
    const since = current?.runId === me.runId && current.pid === me.pid ? current.since : new Date().toISOString()
    await client.query(
      'UPDATE bench_locks SET run_id = $2, pid = $3, hostname = $4, since = $5, expires_at = $6 WHERE bench = $1',
      [bench, me.runId, me.pid, me.host, since, expiresAt],
    )
    return null
  })
}
