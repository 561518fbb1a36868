// Child process for the concurrent-writers test: opens the store (argv[2]: the JSON options of openStorageBackend)
// and makes one whole run as fast as it can — results, events, feed entries and measurements interleaved, round by
// round — then prints one JSON line with what it wrote. Several at once on one store must all finish with nothing
// lost: a writer that meets another's lock waits for it instead of failing.
// argv: options rounds
import { randomUUID } from 'node:crypto'
import { openStorageBackend } from '../open-storage'
import { newRun, sampleRows } from './temp-storage'

const [options, roundsArg] = process.argv.slice(2)
const rounds = Number(roundsArg)
const storage = await openStorageBackend(JSON.parse(options!))
const runId = randomUUID()
await storage.createRun(newRun({ id: runId, test: 'writer_child' }))
await storage.startRun(runId)
const bench = `bench-${runId}`
const holder = await storage.acquireBench(bench, runId)
if (holder) throw new Error(`bench busy: ${JSON.stringify(holder)}`)
for (let k = 0; k < rounds; k++) {
  await storage.appendMeasurements(runId, sampleRows(10, k * 10))
  await storage.addResults(runId, [
    { parameter: `p${k}`, value: k, unit: 'V', lowerLimit: null, upperLimit: null, passed: null, socket: null },
  ])
  await storage.addEvent(runId, { time: new Date().toISOString(), simTime: null, level: 'info', message: `round ${k}` })
  await storage.publishRunEvent(runId, { type: 'progress', round: k })
}
await storage.completeRun(runId, { status: 'passed', completedAt: new Date().toISOString() })
await storage.releaseBench(bench, runId)
await storage.close()
process.stdout.write(`${JSON.stringify({ runId, results: rounds, events: rounds, rows: rounds * 10 })}\n`)
