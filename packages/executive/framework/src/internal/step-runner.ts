import type { InstrumentSet } from '@dvt/drivers'
import { MAX_SOCKETS } from '@dvt/protocol'
import type { ResultRecord } from '@dvt/storage'
import type { Clock } from '../clock'
import { FrameworkError } from '../framework-error'
import { judge } from '../limits'
import type { MeasurementInfo } from '../run-events'
import { sameMeasurement } from '../run-state'
import type { TestSockets } from '../sockets'
import type { Step, StepControl, StepOutcome, TestClock, TestContext } from '../test-definition'
import type { RunBus } from './run-bus'

/** What one run shares with each of its steps. */
export interface RunEnvironment {
  runId: string
  bus: RunBus
  instruments: InstrumentSet
  /** The run's view of the DUT sockets; it remembers which ones the run used. */
  sockets: TestSockets
  clock: Clock
  /** Clock reading at run start (set once the clock is synced); contexts see time relative to it. */
  timebase: { origin: number }
  params: unknown
  measurements: ReadonlyMap<string, MeasurementInfo>
}

export interface StepResult {
  outcome: StepOutcome
  control: StepControl | null
  error: unknown
  results: ResultRecord[]
}

/** A step's time limit: the absolute clock reading it must not pass, and the limit it came from. */
export interface StepDeadline {
  at: number
  timeoutS: number
}

function testClock(env: RunEnvironment, signal: AbortSignal, deadline: StepDeadline | null, step: string): TestClock {
  const { clock, timebase } = env
  return {
    kind: clock.kind,
    now: () => clock.now() - timebase.origin,
    sync: async () => (await clock.sync()) - timebase.origin,
    async wait(seconds) {
      if (deadline !== null && clock.now() + seconds > deadline.at) {
        await clock.wait(Math.max(0, deadline.at - clock.now()), { signal })
        const kind = clock.kind === 'simulated' ? 'simulated' : 'wall-clock'
        throw new FrameworkError(
          'FRAMEWORK_STEP_TIMEOUT',
          `step "${step}" timed out after ${deadline.timeoutS} s of ${kind} time`,
        )
      }
      await clock.wait(seconds, { signal })
    },
  }
}

/** Builds the context a step (or teardown) runs with; `results` collects its judged measurements. */
export function createStepContext(
  env: RunEnvironment,
  step: string,
  signal: AbortSignal,
  deadline: StepDeadline | null,
  results: ResultRecord[],
): TestContext<unknown, string> {
  const { bus, clock, timebase } = env
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string) =>
    bus.emit({ type: 'log', level, message })
  return {
    runId: env.runId,
    instruments: env.instruments,
    sockets: env.sockets,
    params: env.params,
    clock: testClock(env, signal, deadline, step),
    log: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    signal,
    measure(name, value, options = {}) {
      const declared = env.measurements.get(name)
      if (!declared) {
        throw new FrameworkError('FRAMEWORK_BAD_TEST', `"${name}" is not a declared measurement of this test`)
      }
      const { socket } = options
      if (socket !== undefined && !(Number.isInteger(socket) && socket >= 1 && socket <= MAX_SOCKETS)) {
        throw new FrameworkError(
          'FRAMEWORK_BAD_TEST',
          `"${name}" was measured for socket ${socket}, not 1 … ${MAX_SOCKETS}`,
        )
      }
      const result = judge(name, value, declared.unit, declared.limits, socket ?? null)
      const index = results.findIndex((r) => sameMeasurement(r, result))
      if (index >= 0) results[index] = result
      else results.push(result)
    },
    record(parameter, value, unit, conditions = {}) {
      bus.emit({
        type: 'measurement',
        row: {
          timestamp: Date.now(),
          simTime: clock.now() - timebase.origin,
          parameter,
          value,
          unit,
          temperature: conditions.temperature ?? null,
          inputVoltage: conditions.inputVoltage ?? null,
          loadCurrent: conditions.loadCurrent ?? null,
        },
      })
    },
    progress(update) {
      bus.emit({
        type: 'progress',
        step: update.step ?? step,
        point: update.point ?? null,
        of: update.of ?? null,
        message: update.message ?? null,
      })
    },
  }
}

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (error instanceof FrameworkError && error.code === 'FRAMEWORK_ABORTED')
}

/** Runs one attempt of a step: outcome (what is recorded) and control (what happens next). */
export async function runStepAttempt(env: RunEnvironment, step: Step, signal: AbortSignal): Promise<StepResult> {
  const results: ResultRecord[] = []
  const deadline = step.timeoutS === null ? null : { at: env.clock.now() + step.timeoutS, timeoutS: step.timeoutS }
  const ctx = createStepContext(env, step.name, signal, deadline, results)
  try {
    const control = (await step.run(ctx)) ?? 'continue'
    if (signal.aborted) return { outcome: 'aborted', control, error: null, results }
    if (control === 'skip') return { outcome: 'skipped', control, error: null, results: [] }
    const failed = results.some((r) => r.passed === false)
    return { outcome: failed ? 'fail' : 'pass', control, error: null, results }
  } catch (error) {
    return { outcome: isAbort(error, signal) ? 'aborted' : 'error', control: null, error, results }
  }
}
