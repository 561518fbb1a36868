// One of the concurrent writers of `pnpm bench storage`: opens the PostgreSQL store and builds its readings, prints
// "ready", waits for a line on stdin (all writers start together), logs one run of ROWS readings in batches, completes
// it (Parquet) and prints {"id", "rows", "start", "end"} (epoch ms) on stdout.
// argv: databaseUrl measurementsDir rows batch station
import { join } from 'node:path'
import { openStorageBackend } from '@dvt/storage'
import { newRun } from '@dvt/storage/testing'
import { makeBatch } from './measurement-batches'

const [databaseUrl, measurementsDir, rowsText, batchText, station] = process.argv.slice(2)
const rows = Number(rowsText)
const batch = Number(batchText)
const storage = await openStorageBackend({
  databaseUrl: databaseUrl!,
  databasePath: join(measurementsDir!, '..', `writer-${process.pid}`, 'dvt.db'),
  measurementsDir: measurementsDir!,
})
const batches = []
for (let k = 0; k < rows; k += batch) batches.push(makeBatch(k, Math.min(batch, rows - k)))
// Warm-up (module loading, JIT, the pool's connections): a station that has been running a while.
const warm = (await storage.createRun(newRun({ station: station!, startedAt: new Date().toISOString() }))).id
await storage.startRun(warm)
await storage.appendMeasurements(warm, batches[0]!)
await storage.completeRun(warm, { status: 'passed', completedAt: new Date().toISOString() })
process.stdout.write('ready\n')
await new Promise((go) => process.stdin.once('data', go))
const start = Date.now()
const { id } = await storage.createRun(newRun({ station: station!, startedAt: new Date().toISOString() }))
await storage.startRun(id)
for (const b of batches) await storage.appendMeasurements(id, b)
const appended = Date.now()
const run = await storage.completeRun(id, { status: 'passed', completedAt: new Date().toISOString() })
const end = Date.now()
await storage.close()
process.stdout.write(`${JSON.stringify({ id, rows: run.measurementCount, start, appended, end })}\n`)
process.stdin.destroy()
