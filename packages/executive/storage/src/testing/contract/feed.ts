import { afterEach, beforeEach, expect, it } from 'vitest'
import type { RunFeedEntry } from '../../records'
import { type ContractSection, storePerTest } from './contract-store'

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting for the feed')
    await new Promise((r) => setTimeout(r, 20))
  }
}

export const feedSection: ContractSection = {
  name: 'run-event feed',
  define(backend) {
    const t = storePerTest(backend, { beforeEach, afterEach })

    it('delivers events published by another connection, in order, from the time the watch starts', async () => {
      await t().storage.publishRunEvent('run-0', { type: 'before' })
      const seen: RunFeedEntry[] = []
      const stop = await t().storage.watchRunEvents((entry) => seen.push(entry))
      const other = await t().reopen({ hostName: 'another-host' })
      const events = Array.from({ length: 30 }, (_, i) => ({ type: 'progress', point: i, text: 'ä ✓' }))
      await Promise.all(events.map((e) => other.publishRunEvent('run-1', e)))
      await other.publishRunEvent('run-2', { type: 'run-finished' })
      await until(() => seen.length === 31)
      expect(seen.map((e) => e.event)).toEqual([...events, { type: 'run-finished' }])
      expect(seen.map((e) => e.runId)).toEqual([...events.map(() => 'run-1'), 'run-2'])
      const seqs = seen.map((e) => e.seq)
      expect([...seqs].sort((x, y) => x - y)).toEqual(seqs)
      expect(new Set(seqs).size).toBe(31)
      await stop()
      await other.publishRunEvent('run-3', { type: 'after' })
      await new Promise((r) => setTimeout(r, 200))
      expect(seen).toHaveLength(31)
    })

    it('resumes after a cursor', async () => {
      const seen: RunFeedEntry[] = []
      const stop = await t().storage.watchRunEvents((entry) => seen.push(entry))
      for (const n of [1, 2, 3]) await t().storage.publishRunEvent('r', { n })
      await until(() => seen.length === 3)
      await stop()
      const again: RunFeedEntry[] = []
      const stopAgain = await t().storage.watchRunEvents((entry) => again.push(entry), { since: seen[0]!.seq })
      await until(() => again.length === 2)
      expect(again.map((e) => e.event)).toEqual([{ n: 2 }, { n: 3 }])
      await stopAgain()
    })
  },
}
