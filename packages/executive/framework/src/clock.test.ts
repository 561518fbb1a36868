import { describe, expect, it } from 'vitest'
import { createSimulatedClock, createWallClock } from './clock'
import { startFakeBench } from './testing/fake-bench'

describe('wall clock', () => {
  it('waits on wall time and moves now() forward', async () => {
    const clock = createWallClock()
    const before = clock.now()
    await clock.wait(0.02)
    expect(clock.now()).toBeGreaterThan(before)
    expect(await clock.sync()).toBeGreaterThanOrEqual(clock.now() - 1)
    expect(clock.kind).toBe('wall')
  })

  it('ends a wait early when aborted, with FRAMEWORK_ABORTED', async () => {
    const clock = createWallClock()
    const controller = new AbortController()
    const waiting = clock.wait(3600, { signal: controller.signal })
    controller.abort('Ctrl-C')
    await expect(waiting).rejects.toMatchObject({ code: 'FRAMEWORK_ABORTED', message: 'aborted: Ctrl-C' })
  })

  it('refuses to start a wait when already aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(createWallClock().wait(1, { signal: controller.signal })).rejects.toMatchObject({
      code: 'FRAMEWORK_ABORTED',
    })
  })
})

describe('simulated clock', () => {
  it('ends a wait at once when aborted, without waiting for the simulator', async () => {
    const bench = await startFakeBench()
    try {
      bench.holdWaits = true // as if the simulation were paused: SIM:WAIT never completes
      const clock = createSimulatedClock(bench.instruments.control!)
      const controller = new AbortController()
      const waiting = clock.wait(10, { signal: controller.signal })
      setImmediate(() => controller.abort('operator'))
      await expect(waiting).rejects.toMatchObject({ code: 'FRAMEWORK_ABORTED', message: 'aborted: operator' })
    } finally {
      await bench.close()
    }
  })

  it('waits with SIM:WAIT in chunks, tracks now() and syncs with SIM:TIME?', async () => {
    const bench = await startFakeBench()
    try {
      const clock = createSimulatedClock(bench.instruments.control!, { maxChunkS: 30, chunkWallS: 1e6 })
      expect(await clock.sync()).toBe(1000)
      await clock.wait(75)
      expect(clock.now()).toBe(1075)
      expect(bench.log.control.filter((l) => l.startsWith('SIM:WAIT'))).toEqual([
        'SIM:WAIT 30',
        'SIM:WAIT 30',
        'SIM:WAIT 15',
      ])
      bench.time = 2000
      expect(await clock.sync()).toBe(2000)
    } finally {
      await bench.close()
    }
  })
})
