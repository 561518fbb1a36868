import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { newRun } from '../temp-storage'
import { type ContractSection, storePerTest } from './contract-store'
import { killAll, startCrashChild } from './crash-child-process'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const locksSection: ContractSection = {
  name: 'bench locks',
  define(backend) {
    const t = storePerTest(backend, { beforeEach, afterEach })
    const children = new Set<ChildProcess>()
    afterEach(() => killAll(children))

    it('refuses a bench held by a live process and lets the holder re-take and release it', async () => {
      const { storage } = t()
      const first = (await storage.createRun(newRun())).id
      const second = (await storage.createRun(newRun())).id
      expect(await storage.acquireBench('bench-1', first)).toBeNull()
      expect(await storage.acquireBench('bench-1', first)).toBeNull()
      const holder = await storage.acquireBench('bench-1', second)
      expect(holder).toMatchObject({ bench: 'bench-1', runId: first, pid: process.pid })
      expect(Date.parse(holder!.expiresAt)).toBeGreaterThan(Date.now())
      expect(await (await t().reopen()).acquireBench('bench-1', second)).toMatchObject({ runId: first })
      expect(await storage.acquireBench('bench-2', second)).toBeNull()
      await storage.releaseBench('bench-1', second) // not the holder: no effect
      expect(await storage.acquireBench('bench-1', second)).toMatchObject({ runId: first })
      await storage.releaseBench('bench-1', first)
      expect(await storage.acquireBench('bench-1', second)).toBeNull()
    })

    it('takes over at once a bench whose holder process on this host is dead', async () => {
      const runId = randomUUID()
      const crash = await startCrashChild(t().openOptions, runId, 'bench-b', 1, 10, children)
      const mine = (await t().storage.createRun(newRun())).id
      expect(await t().storage.acquireBench('bench-b', mine)).toMatchObject({ pid: crash.child.pid })
      await crash.kill()
      expect(await t().storage.acquireBench('bench-b', mine)).toBeNull()
      expect(await (await t().reopen()).acquireBench('bench-b', runId)).toMatchObject({ runId: mine })
    })

    it('keeps a bench from another host while its holder renews the lease, and frees it when the holder dies', async () => {
      const hostA = await t().reopen({ hostName: 'lab-a', lockLeaseMs: 600 })
      const hostB = await t().reopen({ hostName: 'lab-b', lockLeaseMs: 600 })
      const a = (await hostA.createRun(newRun())).id
      const b = (await hostB.createRun(newRun())).id
      expect(await hostA.acquireBench('shared-bench', a)).toBeNull()
      await sleep(1500) // more than two leases: A renews it
      expect(await hostB.acquireBench('shared-bench', b)).toMatchObject({ runId: a, hostname: 'lab-a' })
      await hostA.close() // A stops renewing, as a dead process would, without releasing
      await sleep(800)
      expect(await hostB.acquireBench('shared-bench', b)).toBeNull()
    })
  },
}
