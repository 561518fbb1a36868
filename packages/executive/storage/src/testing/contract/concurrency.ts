import type { ChildProcess } from 'node:child_process'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { type ContractSection, storePerTest } from './contract-store'
import { killAll, spawnStoreChild } from './crash-child-process'

interface Written {
  runId: string
  results: number
  events: number
  rows: number
}

/** Runs testing/writer-child.ts to its end: what it wrote, or its stderr as the error. */
function runWriter(openOptions: Record<string, unknown>, rounds: number, running: Set<ChildProcess>): Promise<Written> {
  const child = spawnStoreChild('writer-child.ts', [JSON.stringify(openOptions), String(rounds)], running)
  let out = ''
  let err = ''
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString()
  })
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString()
  })
  return new Promise((done, fail) => {
    child.on('exit', (code) => {
      running.delete(child)
      if (code === 0) done(JSON.parse(out) as Written)
      else fail(new Error(`writer exited (${code}): ${err.trim()}`))
    })
  })
}

export const concurrencySection: ContractSection = {
  name: 'concurrent writers',
  define(backend) {
    const t = storePerTest(backend, { beforeEach, afterEach })
    const children = new Set<ChildProcess>()
    afterEach(() => killAll(children))

    it('four processes writing whole runs into one store at once all finish, with every write kept', async () => {
      const rounds = 300
      const written = await Promise.all([1, 2, 3, 4].map(() => runWriter(t().openOptions, rounds, children)))
      const { storage } = t()
      for (const w of written) {
        expect(await storage.getRun(w.runId)).toMatchObject({ status: 'passed', measurementCount: w.rows })
        expect(await storage.getResults(w.runId)).toHaveLength(w.results)
        expect(await storage.getEvents(w.runId)).toHaveLength(w.events)
        expect(await storage.readMeasurements(w.runId)).toHaveLength(w.rows)
      }
      expect((await storage.listRuns({})).total).toBe(4)
    }, 120_000)
  },
}
