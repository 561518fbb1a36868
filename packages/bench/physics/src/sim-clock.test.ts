import { describe, expect, it } from 'vitest'
import { PhysicsError } from './physics-error'
import { createSimClock } from './sim-clock'
import { testModel } from './testing/test-model'

/** Let resolved promise callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function track(promise: Promise<void>): { done: boolean } {
  const state = { done: false }
  promise.then(() => {
    state.done = true
  })
  return state
}

describe('createSimClock', () => {
  it('runs simulated time at k × the wall time given to tick()', () => {
    const clock = createSimClock(testModel(), { speed: 60 })
    clock.tick(0.5)
    expect(clock.time).toBeCloseTo(30, 9)
    clock.speed = 1
    for (let i = 0; i < 1000; i++) clock.tick(0.001)
    expect(clock.model.steps).toBe(3100)
  })

  it('resolves a wait once simulated time has advanced that much', async () => {
    const clock = createSimClock(testModel(), { speed: 10 })
    const wait = track(clock.wait(5))
    clock.tick(0.49)
    await settle()
    expect(wait.done).toBe(false)
    expect(clock.pendingWaits).toBe(1)
    clock.tick(0.01)
    await settle()
    expect(wait.done).toBe(true)
    expect(clock.time).toBeCloseTo(5, 9)
  })

  it('in max mode stands still on tick and advances at once when waited for', async () => {
    const clock = createSimClock(testModel(), { speed: 'max' })
    clock.tick(100)
    expect(clock.time).toBe(0)
    await clock.wait(30)
    expect(clock.time).toBeCloseTo(30, 9)
    await clock.wait(0.004)
    await clock.wait(0.006)
    expect(clock.model.steps).toBe(3001)
  })

  it('advances at once and synchronously with advanceNow only in max mode, not paused', () => {
    const clock = createSimClock(testModel(), { speed: 'max' })
    expect(clock.advanceNow(2)).toBe(true)
    expect(clock.time).toBeCloseTo(2, 9)
    clock.pause()
    expect(clock.advanceNow(2)).toBe(false)
    clock.resume()
    clock.speed = 60
    expect(clock.advanceNow(2)).toBe(false)
    expect(clock.time).toBeCloseTo(2, 9)
    clock.speed = 'max'
    expect(clock.advanceNow(Number.NaN)).toBe(false)
    expect(clock.advanceNow(0)).toBe(true)
    expect(clock.time).toBeCloseTo(2, 9)
  })

  it('freezes while paused, in any mode, and completes lockstep waits on resume', async () => {
    const clock = createSimClock(testModel(), { speed: 'max' })
    clock.pause()
    expect(clock.paused).toBe(true)
    const wait = track(clock.wait(10))
    await settle()
    expect(wait.done).toBe(false)
    expect(clock.time).toBe(0)
    clock.resume()
    await settle()
    expect(wait.done).toBe(true)
    expect(clock.time).toBeCloseTo(10, 9)

    clock.speed = 100
    clock.pause()
    clock.tick(1)
    expect(clock.time).toBeCloseTo(10, 9)
    clock.resume()
    clock.tick(1)
    expect(clock.time).toBeCloseTo(110, 9)
  })

  it('completes pending waits when switched to max, and releases them on reset', async () => {
    const clock = createSimClock(testModel(), { speed: 1 })
    const long = track(clock.wait(3600))
    clock.tick(1)
    clock.speed = 'max'
    await settle()
    expect(long.done).toBe(true)
    expect(clock.time).toBeCloseTo(3600, 6)

    clock.speed = 1
    const orphan = track(clock.wait(100))
    clock.reset()
    await settle()
    expect(orphan.done).toBe(true)
    expect(clock.time).toBe(0)
  })

  it('validates speed and wait times, and adds speed and paused to the snapshot', async () => {
    const clock = createSimClock(testModel(), { speed: 60 })
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => {
        clock.speed = bad
      }).toThrow(PhysicsError)
    }
    expect(() => createSimClock(testModel(), { speed: 'fast' as 'max' })).toThrow(PhysicsError)
    await expect(clock.wait(-1)).rejects.toThrow(PhysicsError)
    expect(clock.snapshot()).toMatchObject({ speed: 60, paused: false, t_s: 0 })
  })
})
