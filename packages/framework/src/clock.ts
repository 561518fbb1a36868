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
  /**
   * Long waits are split into chunks of at most this many simulated seconds so an abort is
   * noticed within one chunk even at low speeds [30].
   */
  maxChunkS?: number
}

function aborted(signal: AbortSignal | undefined): FrameworkError | null {
  if (!signal?.aborted) return null
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted')
  return new FrameworkError('FRAMEWORK_ABORTED', `aborted: ${reason}`)
}

/**
 * A clock on the simulator's time. `wait(s)` is `SIM:WAIT s;*OPC?` (at `--speed max` it returns as
 * soon as the model has advanced); `now()` is tracked locally between `sync()` calls.
 */
export function createSimulatedClock(sim: SimulationControl, options: SimulatedClockOptions = {}): Clock {
  const maxChunk = options.maxChunkS ?? 30
  let known = 0
  return {
    kind: 'simulated',
    now: () => known,
    async sync() {
      known = await sim.time()
      return known
    },
    async wait(seconds, waitOptions) {
      let left = seconds
      while (left > 1e-9) {
        const error = aborted(waitOptions?.signal)
        if (error) throw error
        const chunk = Math.min(left, maxChunk)
        await sim.wait(chunk)
        known += chunk
        left -= chunk
      }
      const error = aborted(waitOptions?.signal)
      if (error) throw error
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
