// `pnpm bench logging`: measurement rows/s from the logger's batches to durable SQLite staging to Parquet,
// side by side with the design's original writer (parquetjs-lite) on the same rows.
// Last line: logging_rows_per_s=<n> (end to end: append + compact)
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { MeasurementRow } from '@dvt/storage'
import { openStorage } from '@dvt/storage'
import { makeBatch } from './support/measurement-batches'
import { writeWithParquetjsLite } from './support/parquetjs-lite-baseline'

const ROWS = Number(process.env.LOGGING_BENCH_ROWS ?? 500_000)
const BATCH = Number(process.env.LOGGING_BENCH_BATCH ?? 1_000)
const WRITER_ROWS = Number(process.env.LOGGING_BENCH_WRITER_ROWS ?? 100_000)
const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000)

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-bench-logging-'))
  try {
    const storage = openStorage({ databasePath: join(dir, 'dvt.db'), measurementsDir: join(dir, 'measurements') })
    const batches: MeasurementRow[][] = []
    for (let k = 0; k < ROWS; k += BATCH) batches.push(makeBatch(k, Math.min(BATCH, ROWS - k)))

    // Warm-up run (JIT), not counted.
    const warm = (await storage.createRun(newRun())).id
    await storage.startRun(warm)
    for (const batch of batches.slice(0, 20)) await storage.appendMeasurements(warm, batch)
    await storage.completeRun(warm, { status: 'passed', completedAt: new Date().toISOString() })

    const id = (await storage.createRun(newRun())).id
    await storage.startRun(id)
    const t0 = performance.now()
    for (const batch of batches) await storage.appendMeasurements(id, batch)
    const t1 = performance.now()
    const run = await storage.completeRun(id, { status: 'passed', completedAt: new Date().toISOString() })
    const t2 = performance.now()
    await storage.close()
    if (run.measurementCount !== ROWS) throw new Error(`expected ${ROWS} rows, stored ${run.measurementCount}`)

    const bytes = statSync(run.parquetPath!).size
    const ours = await writerOnly('hyparquet-writer', () => writeWithStorage(dir, batches))
    const baseline = await writerOnly('parquetjs-lite', () => baselineRate(dir, batches))
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`)
    console.log(`rows: ${ROWS} in batches of ${BATCH}; parquet file ${(bytes / 1e6).toFixed(1)} MB (snappy)`)
    console.log(`append (durable staging): ${(t1 - t0).toFixed(0)} ms, ${rate(ROWS, t1 - t0)} rows/s`)
    console.log(`compact (staging -> parquet): ${(t2 - t1).toFixed(0)} ms, ${rate(ROWS, t2 - t1)} rows/s`)
    console.log(`end to end: ${(t2 - t0).toFixed(0)} ms, ${rate(ROWS, t2 - t0)} rows/s (target >= 200000)`)
    console.log(
      `writer only, ${WRITER_ROWS} rows: hyparquet-writer ${ours} rows/s, parquetjs-lite ${baseline} rows/s, ratio ${(ours / baseline).toFixed(1)}x`,
    )
    console.log(`logging_rows_per_s=${rate(ROWS, t2 - t0)}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function newRun() {
  return {
    id: randomUUID(),
    test: 'bench_logging',
    startedAt: new Date().toISOString(),
    parameters: {},
    config: null,
    softwareVersion: 'bench',
  }
}

async function writerOnly(_name: string, write: () => Promise<number>): Promise<number> {
  await write() // warm-up
  return write()
}

/** Our writer path alone: a fresh store, one append of WRITER_ROWS, timed compaction. */
async function writeWithStorage(dir: string, batches: MeasurementRow[][]): Promise<number> {
  const sub = mkdtempSync(join(dir, 'w-'))
  const storage = openStorage({ databasePath: join(sub, 'dvt.db'), measurementsDir: sub })
  const id = (await storage.createRun(newRun())).id
  await storage.startRun(id)
  let n = 0
  for (const batch of batches) {
    if (n >= WRITER_ROWS) break
    await storage.appendMeasurements(id, batch)
    n += batch.length
  }
  const t0 = performance.now()
  await storage.completeRun(id, { status: 'passed', completedAt: new Date().toISOString() })
  const ms = performance.now() - t0
  await storage.close()
  return rate(n, ms)
}

async function baselineRate(dir: string, batches: MeasurementRow[][]): Promise<number> {
  const rows = batches.flat().slice(0, WRITER_ROWS)
  const t0 = performance.now()
  await writeWithParquetjsLite(join(dir, `lite-${randomUUID()}.parquet`), randomUUID(), rows)
  return rate(rows.length, performance.now() - t0)
}

await main()
