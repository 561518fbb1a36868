import { describe, expect, it } from 'vitest'
import { createSerialQueue } from './serial-queue'

describe('createSerialQueue', () => {
  it('runs one job at a time, in order, and keeps going after a failure', async () => {
    const queue = createSerialQueue()
    const log: string[] = []
    let running = 0
    let maxRunning = 0
    const job =
      (name: string, fail = false) =>
      async () => {
        running++
        maxRunning = Math.max(maxRunning, running)
        log.push(`start ${name}`)
        await new Promise<void>((resolve) => setImmediate(resolve))
        log.push(`end ${name}`)
        running--
        if (fail) throw new Error(name)
        return name
      }
    const results = await Promise.allSettled([queue.run(job('a')), queue.run(job('b', true)), queue.run(job('c'))])
    await queue.idle()
    expect(maxRunning).toBe(1)
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })
})
