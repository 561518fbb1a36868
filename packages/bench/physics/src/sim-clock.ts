import { isSimSpeed, type SimSpeed, speedProblem, type TelemetrySnapshot } from '@dvt/protocol'
import type { BenchModel } from './bench-model'
import { PhysicsError } from './physics-error'

export interface SimClockOptions {
  speed: SimSpeed
  /** Start paused (default false). */
  paused?: boolean
}

/** A model snapshot plus the clock's state: one telemetry line (docs/scpi.md#telemetry). */
export type ClockSnapshot = TelemetrySnapshot

/** Drives a `BenchModel` in simulated time. Pure: the host's timer calls `tick`. */
export interface SimClock {
  readonly model: BenchModel
  /** A speed by the protocol's rule (`isSimSpeed`); anything else → `PHYSICS_OUT_OF_RANGE`. Switching to `'max'` completes pending waits. */
  speed: SimSpeed
  readonly paused: boolean
  /** Simulated time, s. */
  readonly time: number
  /** Waits not yet resolved. */
  readonly pendingWaits: number
  pause(): void
  /** Resume; in `'max'` mode pending waits complete at once. */
  resume(): void
  /** Called by the host's timer with the wall time since the last tick: advances k·wall unless paused or `'max'`. */
  tick(wallSeconds: number): void
  /**
   * Resolves once simulated time has advanced `simSeconds` (≥ 0). In `'max'` mode the model advances at once;
   * while paused the wait holds until resumed.
   */
  wait(simSeconds: number): Promise<void>
  /**
   * The synchronous form of {@link wait} for hot paths: in `'max'` mode (not paused) advances the model at once
   * and returns true; otherwise changes nothing and returns false (the caller then uses `wait`).
   */
  advanceNow(simSeconds: number): boolean
  /** `model.reset()` and release every pending wait (their time base is gone). */
  reset(): void
  snapshot(): ClockSnapshot
}

interface Waiter {
  /** Absolute simulated time to reach, in steps. */
  targetStep: number
  startStep: number
  seconds: number
  resolve: () => void
}

function checkSpeed(speed: SimSpeed): void {
  if (!isSimSpeed(speed)) {
    throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `speed ${speedProblem(speed)}, got ${String(speed)}`)
  }
}

/** Create the simulation clock over `model`. */
export function createSimClock(model: BenchModel, options: SimClockOptions): SimClock {
  checkSpeed(options.speed)
  let speed: SimSpeed = options.speed
  let paused = options.paused ?? false
  let waiters: Waiter[] = []

  const release = () => {
    if (waiters.length === 0) return
    const due = waiters.filter((w) => model.steps >= w.targetStep)
    if (due.length === 0) return
    waiters = waiters.filter((w) => model.steps < w.targetStep)
    for (const w of due) w.resolve()
  }
  // Lockstep: advance until each pending wait has had its simulated time, in the order the waits came.
  const runLockstep = () => {
    const pending = waiters
    waiters = []
    for (const w of pending) {
      const remaining = w.seconds - (model.steps - w.startStep) * model.dt
      if (remaining > 0) model.advance(remaining)
      w.resolve()
    }
  }

  const clock: SimClock = {
    model,
    get speed() {
      return speed
    },
    set speed(value: SimSpeed) {
      checkSpeed(value)
      speed = value
      if (speed === 'max' && !paused) runLockstep()
    },
    get paused() {
      return paused
    },
    get time() {
      return model.time
    },
    get pendingWaits() {
      return waiters.length
    },
    pause() {
      paused = true
    },
    resume() {
      paused = false
      if (speed === 'max') runLockstep()
    },
    tick(wallSeconds) {
      if (paused || speed === 'max' || !(wallSeconds > 0)) return
      model.advance(speed * wallSeconds)
      release()
    },
    wait(simSeconds) {
      if (!(simSeconds >= 0) || !Number.isFinite(simSeconds)) {
        return Promise.reject(
          new PhysicsError('PHYSICS_OUT_OF_RANGE', `wait needs a finite time ≥ 0 s, got ${simSeconds}`),
        )
      }
      if (simSeconds === 0) return Promise.resolve()
      if (speed === 'max' && !paused) {
        model.advance(simSeconds)
        return Promise.resolve()
      }
      const startStep = model.steps
      const targetStep = startStep + Math.max(1, Math.ceil(simSeconds / model.dt - 1e-9))
      return new Promise<void>((resolve) => {
        waiters.push({ targetStep, startStep, seconds: simSeconds, resolve })
      })
    },
    advanceNow(simSeconds) {
      if (speed !== 'max' || paused || !(simSeconds >= 0) || !Number.isFinite(simSeconds)) return false
      if (simSeconds > 0) model.advance(simSeconds)
      return true
    },
    reset() {
      model.reset()
      const pending = waiters
      waiters = []
      for (const w of pending) w.resolve()
    },
    snapshot: () => ({ ...model.snapshot(), speed, paused }),
  }
  return clock
}
