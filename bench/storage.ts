// `pnpm bench storage`: SQLite and PostgreSQL side by side in one run — measurement logging end to end (append to
// durable staging + compaction to Parquet), `dvt list-runs` with 1 000 000 runs over 10 stations, 8 concurrent writers
// on PostgreSQL (none lost), and a `dvt sql` aggregate over 1 000 runs' Parquet. PostgreSQL is a private cluster of
// Debian's postgresql package with fsync and synchronous_commit on (durable, as a lab would run it).
// Last line: storage_sqlite_rows_per_s=… storage_pg_rows_per_s=… list_runs_sqlite_ms=… list_runs_pg_ms=…
//   pg_writers8_rows_per_s=… sql_1000_runs_ms=…
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorageBackend, type StorageBackend } from '@dvt/storage'
import {
  newRun,
  type PgCluster,
  seedFinishedRuns,
  seedFinishedRunsPostgres,
  startPgCluster,
} from '@dvt/storage/testing'
import { makeBatch } from './support/measurement-batches'

const ROWS = Number(process.env.STORAGE_BENCH_ROWS ?? 500_000)
const BATCH = 1_000
const RUNS = Number(process.env.STORAGE_BENCH_RUNS ?? 1_000_000)
const STATIONS = 10
const WRITERS = 8
const WRITER_ROWS = Number(process.env.STORAGE_BENCH_WRITER_ROWS ?? 100_000)
const SQL_RUNS = 1_000
const DVT = join(import.meta.dirname, '../apps/cli/bin/dvt.mjs')
/** Which parts run (all by default): STORAGE_BENCH_PARTS=logging,list,writers,sql. */
const PARTS = new Set((process.env.STORAGE_BENCH_PARTS ?? 'logging,list,writers,sql').split(','))

const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

interface Backend {
  name: string
  open(dir: string): Promise<StorageBackend>
  env(dir: string): NodeJS.ProcessEnv
}

async function logging(backend: Backend, dir: string): Promise<{ append: number; compact: number; total: number }> {
  const storage = await backend.open(dir)
  const batches = []
  for (let k = 0; k < ROWS; k += BATCH) batches.push(makeBatch(k, Math.min(BATCH, ROWS - k)))
  const warm = (await storage.createRun(newRun())).id
  await storage.startRun(warm)
  for (const b of batches.slice(0, 20)) await storage.appendMeasurements(warm, b)
  await storage.completeRun(warm, { status: 'passed', completedAt: new Date().toISOString() })
  const id = (await storage.createRun(newRun())).id
  await storage.startRun(id)
  const t0 = performance.now()
  for (const b of batches) await storage.appendMeasurements(id, b)
  const t1 = performance.now()
  const run = await storage.completeRun(id, { status: 'passed', completedAt: new Date().toISOString() })
  const t2 = performance.now()
  await storage.close()
  if (run.measurementCount !== ROWS)
    throw new Error(`${backend.name}: expected ${ROWS} rows, stored ${run.measurementCount}`)
  return { append: rate(ROWS, t1 - t0), compact: rate(ROWS, t2 - t1), total: rate(ROWS, t2 - t0) }
}

/** `dvt --version`, median of 7: what starting the command costs on this machine right now (the floor). */
function timeVersion(): number {
  const samples: number[] = []
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now()
    spawnSync(process.execPath, [DVT, '--version'], { cwd: tmpdir(), encoding: 'utf8' })
    samples.push(performance.now() - t0)
  }
  return median(samples)
}

/** The whole `dvt list-runs` command (process start, config, open, recovery check, query, table), median of 7. */
function timeListRuns(env: NodeJS.ProcessEnv): number {
  const samples: number[] = []
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, [DVT, 'list-runs'], { env, cwd: tmpdir(), encoding: 'utf8' })
    const ms = performance.now() - t0
    if (r.status !== 0) throw new Error(`dvt list-runs failed: ${r.stderr}`)
    if (!r.stdout.includes(`20 of ${RUNS} runs`)) throw new Error(`unexpected listing:\n${r.stdout.slice(-200)}`)
    if (i > 0) samples.push(ms) // the first warms the page cache
  }
  return median(samples)
}

interface WriterResult {
  id: string
  rows: number
  start: number
  end: number
}

/**
 * 8 processes, each logging one run into the same PostgreSQL at once; rows/s over the window from the first start to
 * the last completion (the processes start and build their readings before the signal, so start-up is not counted).
 */
async function concurrentWriters(cluster: PgCluster, dir: string): Promise<{ rowsPerS: number; lost: number }> {
  const url = await cluster.createDatabase('writers')
  const measurementsDir = join(dir, 'writers', 'measurements')
  await (await openStorageBackend({ databaseUrl: url, databasePath: join(dir, 'w.db'), measurementsDir })).close()
  const writers = Array.from({ length: WRITERS }, (_, i) => startWriter(url, measurementsDir, `bench-${i + 1}`))
  await Promise.all(writers.map((w) => w.ready))
  for (const w of writers) w.go()
  const results = await Promise.all(writers.map((w) => w.done))
  const window = Math.max(...results.map((r) => r.end)) - Math.min(...results.map((r) => r.start))
  if (process.env.STORAGE_BENCH_VERBOSE)
    for (const r of results)
      console.log(
        `  writer: ${r.end - r.start} ms (appends ${(r as unknown as { appended: number }).appended - r.start} ms) from +${r.start - Math.min(...results.map((x) => x.start))} ms`,
      )
  const check = await openStorageBackend({ databaseUrl: url, databasePath: join(dir, 'w.db'), measurementsDir })
  let stored = 0
  for (const r of results) stored += (await check.readMeasurements(r.id)).length
  if ((await check.listRuns()).total !== 2 * WRITERS) throw new Error('a writer run is missing')
  await check.close()
  return { rowsPerS: rate(WRITERS * WRITER_ROWS, window), lost: WRITERS * WRITER_ROWS - stored }
}

function startWriter(url: string, measurementsDir: string, station: string) {
  const script = join(import.meta.dirname, 'support/storage-writer.ts')
  const args = ['--conditions=@dvt/source', script, url, measurementsDir, String(WRITER_ROWS), String(BATCH), station]
  const child = spawn(join(import.meta.dirname, '../node_modules/.bin/tsx'), args)
  let out = ''
  let err = ''
  let signalReady: () => void = () => undefined
  const ready = new Promise<void>((r) => {
    signalReady = r
  })
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    if (out.startsWith('ready\n')) signalReady()
  })
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString()
  })
  const done = new Promise<WriterResult>((resolve, fail) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.slice('ready\n'.length)) as WriterResult)
        : fail(new Error(`writer failed: ${err}`)),
    ),
  )
  return { ready, done, go: () => child.stdin.write('go\n') }
}

/** 1 000 runs of 1 000 readings each, over the 10 stations and the 6 tests, in the SQLite store's dataset. */
async function sqlDataset(dir: string): Promise<string> {
  const measurementsDir = join(dir, 'sql', 'measurements')
  const storage = await openStorageBackend({ databasePath: join(dir, 'sql', 'dvt.db'), measurementsDir })
  const tests = ['tempco', 'line_regulation', 'load_regulation', 'dropout', 'iq_vs_temp', 'psrr']
  for (let i = 0; i < SQL_RUNS; i++) {
    const startedAt = new Date(Date.parse('2025-01-01T00:00:00Z') + i * 3_600_000).toISOString()
    const run = newRun({ station: `bench-${(i % STATIONS) + 1}`, test: tests[i % tests.length]!, startedAt })
    const { id } = await storage.createRun(run)
    await storage.startRun(id)
    await storage.appendMeasurements(id, makeBatch(i * 1000, 1000))
    await storage.completeRun(id, { status: 'passed', completedAt: startedAt })
  }
  await storage.close()
  return measurementsDir
}

function timeSql(measurementsDir: string): { ms: number; rows: number } {
  const query =
    'SELECT station, test, parameter, count(*) AS n, avg(value) AS mean, stddev(value) AS sd, ' +
    'min(temperature) AS t_min, max(temperature) AS t_max FROM measurements GROUP BY ALL ORDER BY ALL'
  const env = { ...process.env, DVT__DATA__MEASUREMENTS_DIR: measurementsDir }
  const samples: number[] = []
  let rows = 0
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now()
    const r = spawnSync(process.execPath, [DVT, 'sql', query, '--json'], { env, cwd: tmpdir(), encoding: 'utf8' })
    const ms = performance.now() - t0
    if (r.status !== 0) throw new Error(`dvt sql failed: ${r.stderr}`)
    const parsed = JSON.parse(r.stdout) as { n: number }[]
    rows = parsed.reduce((s, x) => s + x.n, 0)
    if (i > 0) samples.push(ms)
  }
  if (rows !== SQL_RUNS * 1000) throw new Error(`dvt sql counted ${rows} readings, expected ${SQL_RUNS * 1000}`)
  return { ms: median(samples), rows }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-storage-'))
  const cluster = await startPgCluster({ durable: process.env.STORAGE_BENCH_DURABLE !== '0' })
  // Interrupted: the private cluster and the files still go.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cluster.destroy()
      rmSync(dir, { recursive: true, force: true })
      process.exit(130)
    })
  }
  try {
    const sqlite: Backend = {
      name: 'SQLite',
      open: (d) => openStorageBackend({ databasePath: join(d, 'dvt.db'), measurementsDir: join(d, 'measurements') }),
      env: (d) => ({
        ...process.env,
        DVT__DATA__DATABASE_PATH: join(d, 'dvt.db'),
        DVT__DATA__MEASUREMENTS_DIR: join(d, 'm'),
      }),
    }
    let pgUrl = ''
    const postgres: Backend = {
      name: 'PostgreSQL',
      open: (d) =>
        openStorageBackend({
          databaseUrl: pgUrl,
          databasePath: join(d, 'dvt.db'),
          measurementsDir: join(d, 'measurements'),
        }),
      env: (d) => ({ ...sqlite.env(d), DVT__DATA__DATABASE_URL: pgUrl }),
    }
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`)
    const log: Record<string, Awaited<ReturnType<typeof logging>>> = {}
    for (const backend of PARTS.has('logging') ? [sqlite, postgres] : []) {
      const d = join(dir, `log-${backend.name}`)
      mkdirSync(d)
      if (backend === postgres) pgUrl = await cluster.createDatabase('logging')
      log[backend.name] = await logging(backend, d)
      const r = log[backend.name]!
      console.log(
        `${backend.name} logging, ${ROWS} rows in batches of ${BATCH}: append ${r.append} rows/s, compact ${r.compact} rows/s, end to end ${r.total} rows/s (target >= 200000)`,
      )
    }
    const list: Record<string, number> = {}
    for (const backend of PARTS.has('list') ? [sqlite, postgres] : []) {
      const d = join(dir, `list-${backend.name}`)
      mkdirSync(d)
      if (backend === postgres) pgUrl = await cluster.createDatabase('listing')
      await (await backend.open(d)).close()
      const seedMs =
        backend === postgres
          ? await seedFinishedRunsPostgres(pgUrl, RUNS, STATIONS)
          : seedFinishedRuns(join(d, 'dvt.db'), RUNS, STATIONS)
      list[backend.name] = timeListRuns(backend.env(d))
      console.log(
        `${backend.name} dvt list-runs, ${RUNS} runs over ${STATIONS} stations (seeded in ${(seedMs / 1000).toFixed(1)} s): median ${list[backend.name]!.toFixed(0)} ms (target < 150); dvt --version ${timeVersion().toFixed(0)} ms`,
      )
    }
    const writers = PARTS.has('writers') ? await concurrentWriters(cluster, dir) : null
    if (writers) {
      console.log(
        `PostgreSQL, ${WRITERS} concurrent writers x ${WRITER_ROWS} rows: ${writers.rowsPerS} rows/s in total, ${writers.lost} rows lost`,
      )
    }
    const sql = PARTS.has('sql') ? timeSql(await sqlDataset(dir)) : null
    if (sql) {
      console.log(
        `dvt sql aggregate over ${SQL_RUNS} runs' Parquet (${sql.rows} readings): median ${sql.ms.toFixed(0)} ms (target < 1000)`,
      )
    }
    console.log(
      `storage_sqlite_rows_per_s=${log.SQLite?.total} storage_pg_rows_per_s=${log.PostgreSQL?.total} ` +
        `list_runs_sqlite_ms=${list.SQLite?.toFixed(0)} list_runs_pg_ms=${list.PostgreSQL?.toFixed(0)} ` +
        `pg_writers8_rows_per_s=${writers?.rowsPerS} sql_1000_runs_ms=${sql?.ms.toFixed(0)}`,
    )
  } finally {
    cluster.destroy()
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
