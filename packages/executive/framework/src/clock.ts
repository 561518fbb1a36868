import type { SimulationControl } from '@dvt/drivers'
import { FrameworkError } from './framework-error'

export interface ClockWaitOptions {
  /** Aborting ends the wait early with a FRAMEWORK_ABORTED error. */
  signal?: AbortSignal
}

/**
 * The time a test runs on: simulated time with the simulator, wall time with real instruments.
 * Tests never call `setTimeout`; they wait on this clock.
 */
export interface Clock {
  readonly kind: 'simulated' | 'wall'
  /** The last known time in seconds (simulated seconds, or wall seconds since the clock was made). */
  now(): number
  /** Refreshes `now()` from its source (one `SIM:TIME?` on the simulator) and returns it. */
  sync(): Promise<number>
  /** Resolves once `seconds` have passed on this clock. */
  wait(seconds: number, options?: ClockWaitOptions): Promise<void>
}

export interface SimulatedClockOptions {
  /** Longest single `SIM:WAIT`, simulated seconds [30]. */
  maxChunkS?: number
  /**
   * Chunks are sized from the speed observed so far to last about this long in wall time [0.5 s],
   * so the control connection is never tied up for long even at speed 1.
   */
  chunkWallS?: number
}

function aborted(signal: AbortSignal | undefined): FrameworkError | null {
  if (!signal?.aborted) return null
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted')
  return new FrameworkError('FRAMEWORK_ABORTED', `aborted: ${reason}`)
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work is left to finish on its own). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(signal))
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}

/**
 * A clock on the simulator's time. `wait(s)` is `SIM:WAIT s;*OPC?` (at `--speed max` it returns as
 * soon as the model has advanced), split into chunks so an abort ends it at once; `now()` is tracked
 * locally between `sync()` calls.
 */
export function createSimulatedClock(sim: SimulationControl, options: SimulatedClockOptions = {}): Clock {
  const maxChunk = options.maxChunkS ?? 30
  const chunkWall = options.chunkWallS ?? 0.5
  let known = 0
  // Simulated seconds per wall second, learnt from the last chunk; start small until the speed is known.
  let speed = 2
  return {
    kind: 'simulated',
    now: () => known,
    async sync() {
      known = await sim.time()
      return known
    },
    async wait(seconds, waitOptions) {
      const signal = waitOptions?.signal
      let left = seconds
      for (;;) {
        const error = aborted(signal)
        if (error) throw error
        if (left <= 1e-9) return
        const chunk = Math.min(left, maxChunk, Math.max(1, speed * chunkWall))
        const started = performance.now()
        const waiting = sim.wait(chunk)
        waiting.catch(() => {})
        await untilAborted(waiting, signal)
        const wallS = (performance.now() - started) / 1000
        speed = wallS > 0 ? chunk / wallS : Number.POSITIVE_INFINITY
        known += chunk
        left -= chunk
      }
    },
  }
}

/** A clock on wall time, for real instruments. */
export function createWallClock(): Clock {
  const origin = performance.now()
  const now = () => (performance.now() - origin) / 1000
  return {
    kind: 'wall',
    now,
    sync: async () => now(),
    wait(seconds, waitOptions) {
      const signal = waitOptions?.signal
      return new Promise<void>((resolve, reject) => {
        const early = aborted(signal)
        if (early) return reject(early)
        const onAbort = () => {
          clearTimeout(timer)
          reject(aborted(signal))
        }
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort)
            resolve()
          },
          Math.max(0, seconds * 1000),
        )
        signal?.addEventListener('abort', onAbort, { once: true })
      })
    },
  }
}
