// Child process for the recovery and lock tests: opens the store (argv[2]: the JSON options of openStorageBackend),
// starts a run, takes a bench, appends rows in batches (printing "appended <n>" after each durable append) and then
// waits to be killed.
// argv: options runId bench batches rowsPerBatch
import { openStorageBackend } from '../open-storage'
import { newRun, sampleRows } from './temp-storage'

const [options, runId, bench, batches, rowsPerBatch] = process.argv.slice(2)
const storage = await openStorageBackend(JSON.parse(options!))
await storage.createRun(newRun({ id: runId!, test: 'crash_child' }))
await storage.startRun(runId!)
const holder = await storage.acquireBench(bench!, runId!)
if (holder) throw new Error(`bench busy: ${JSON.stringify(holder)}`)
const perBatch = Number(rowsPerBatch)
for (let b = 0; b < Number(batches); b++) {
  await storage.appendMeasurements(runId!, sampleRows(perBatch, b * perBatch))
  process.stdout.write(`appended ${(b + 1) * perBatch}\n`)
}
setInterval(() => {}, 60_000)
