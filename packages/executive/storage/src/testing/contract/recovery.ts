import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parquetReadObjects } from 'hyparquet'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { newRun, sampleRows } from '../temp-storage'
import { type ContractSection, storePerTest } from './contract-store'
import { killAll, startCrashChild } from './crash-child-process'

export const recoverySection: ContractSection = {
  name: 'crash recovery',
  define(backend) {
    const t = storePerTest(backend, { beforeEach, afterEach })
    const children = new Set<ChildProcess>()
    afterEach(() => killAll(children))

    it('marks a SIGKILLed run as interrupted, keeps its measurements and frees its bench', async () => {
      const runId = randomUUID()
      const crash = await startCrashChild(t().openOptions, runId, 'bench-a', 6, 500, children)
      const { storage } = t()
      // While the child lives, its run and its bench are left alone.
      expect(await storage.recoverInterruptedRuns()).toEqual([])
      expect(await storage.getRun(runId)).toMatchObject({
        status: 'running',
        pid: crash.child.pid,
        measurementCount: 3000,
      })
      const other = (await storage.createRun(newRun())).id
      expect(await storage.acquireBench('bench-a', other)).toMatchObject({
        bench: 'bench-a',
        runId,
        pid: crash.child.pid,
      })

      await crash.kill()
      const recovered = await storage.recoverInterruptedRuns()
      expect(recovered.map((r) => [r.id, r.status, r.statusReason, r.measurementCount])).toEqual([
        [runId, 'error', 'interrupted', 3000],
      ])
      const events = await storage.getEvents(runId)
      expect(events.at(-1)).toMatchObject({
        level: 'error',
        message: expect.stringContaining(`pid ${crash.child.pid}`),
      })
      const file = readFileSync(recovered[0]!.parquetPath!)
      const rows = await parquetReadObjects({ file: file.buffer.slice(file.byteOffset, file.byteOffset + file.length) })
      expect(rows.map((r) => r.value)).toEqual(sampleRows(3000).map((r) => r.value))
      expect(await storage.recoverInterruptedRuns()).toEqual([])
      expect(await storage.acquireBench('bench-a', other)).toBeNull()
    })

    it('leaves the open runs of another host alone', async () => {
      const { id } = await t().storage.createRun(newRun())
      await t().storage.startRun(id)
      const elsewhere = await t().reopen({ hostName: 'another-host' })
      expect(await elsewhere.recoverInterruptedRuns()).toEqual([])
      expect((await elsewhere.getRun(id))?.status).toBe('running')
    })
  },
}
