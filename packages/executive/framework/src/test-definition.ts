import type { InstrumentSet } from '@dvt/drivers'
import type { z } from 'zod'
import { FrameworkError } from './framework-error'
import type { TestSockets } from './sockets'

/** Limits a measured value is judged against (inclusive); either side may be open. */
export interface Limits {
  lower?: number
  upper?: number
}

/** What a step tells the runner to do next (control flow, OpenHTF's PhaseResult). */
export type StepControl = 'continue' | 'repeat' | 'skip' | 'stop'

/** What is recorded for a step (outcome), kept apart from control flow. */
export type StepOutcome = 'pass' | 'fail' | 'error' | 'aborted' | 'skipped'

/** Operating conditions stored with a raw measurement row. */
export interface RecordConditions {
  /** Chamber temperature at the time of the reading, °C. */
  temperature?: number | null
  inputVoltage?: number | null
  loadCurrent?: number | null
}

/** Which DUT a measured value is of. */
export interface MeasureOptions {
  /**
   * The socket (1 … MAX_SOCKETS) on a board-wide run: the measurement is judged once per socket it is measured for.
   * Without it the value is the run's one DUT's (socket null in its result).
   */
  socket?: number
}

export interface ProgressUpdate {
  /** Defaults to the running step's name. */
  step?: string
  point?: number
  of?: number
  message?: string
}

/** The time a test sees: seconds since the run started, on the test clock. */
export interface TestClock {
  readonly kind: 'simulated' | 'wall'
  /** Seconds since the run started (last known; see `sync`). */
  now(): number
  /** Refreshes `now()` from the clock's source. */
  sync(): Promise<number>
  /** Waits on the test clock; throws if the run is aborted or the step's timeout would pass. */
  wait(seconds: number): Promise<void>
}

export interface TestLog {
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

/** Everything a step gets from the runner (OpenHTF's plugs and measurements). */
export interface TestContext<P = Record<string, unknown>, M extends string = string> {
  readonly runId: string
  readonly instruments: InstrumentSet
  /** The bench's DUT sockets: each one's serial, V_out, load channel and input current (docs/tests.md#sockets). */
  readonly sockets: TestSockets
  readonly params: P
  readonly clock: TestClock
  readonly log: TestLog
  /**
   * Sets a declared measurement (of `options.socket`, or of the run's one DUT); the runner judges it against its
   * limits. Measured again for the same socket, the last value counts.
   */
  measure(name: M, value: number, options?: MeasureOptions): void
  /** Stores one raw reading (a row of the run's measurements). */
  record(parameter: string, value: number, unit: string, conditions?: RecordConditions): void
  progress(update: ProgressUpdate): void
  /** Aborted when the run is aborted; pass it on to anything long-running. */
  readonly signal: AbortSignal
}

/** A declared measurement: name, unit, limits (fixed, or derived from the parameters). */
export interface MeasurementDefinition<P, M extends string = string> {
  name: M
  unit: string
  description: string
  limits?: Limits | ((params: P) => Limits)
  /** Whether a run with these parameters measures it [always]; a run declares only those it measures. */
  applies?: (params: P) => boolean
}

type StepReturn = StepControl | undefined
/** A step's body. Returning nothing means `continue`. */
// biome-ignore lint/suspicious/noConfusingVoidType: an async body that returns nothing is a Promise<void>
export type StepBody<P, M extends string> = (ctx: TestContext<P, M>) => Promise<StepReturn | void> | StepReturn | void

export interface StepDefinition<P, M extends string = string> {
  name: string
  /** Limit on the test clock (simulated or wall seconds); past it the run ends in `error`. */
  timeoutS?: number
  /** How often `repeat` may run the step again [3]. */
  maxRepeats?: number
  run: StepBody<P, M>
}

export interface TestDefinition<S extends z.ZodObject, M extends string> {
  name: string
  description: string
  /** A zod object; every field should have a default so the test runs with no parameters given. */
  parameters: S
  measurements: readonly MeasurementDefinition<z.output<S>, M>[]
  /** The steps in order, or `run` for a single-step test. */
  steps?: readonly StepDefinition<z.output<S>, M>[]
  run?: StepBody<z.output<S>, M>
  /** Runs after the steps (also after an error or abort), before the runner's safe state. */
  teardown?: (ctx: TestContext<z.output<S>, M>) => Promise<void>
}

/** A measurement declaration with its limits resolved from the run's parameters. */
export interface DeclaredMeasurement {
  name: string
  unit: string
  description: string
  limits(params: unknown): Limits
  /** Whether a run with these parameters measures it. */
  applies(params: unknown): boolean
}

export interface Step {
  name: string
  timeoutS: number | null
  maxRepeats: number
  run(ctx: TestContext<unknown, string>): Promise<StepControl | undefined>
}

/** A defined test, with its types erased so a registry can hold any test. */
export interface DvtTest {
  readonly name: string
  readonly description: string
  readonly parameters: z.ZodObject
  readonly measurements: readonly DeclaredMeasurement[]
  readonly steps: readonly Step[]
  teardown(ctx: TestContext<unknown, string>): Promise<void>
}

/**
 * Declares a test: parameters (zod, with defaults), measurements (unit and limits; the runner judges
 * them), and steps that return control flow.
 */
export function defineTest<S extends z.ZodObject, const M extends string>(definition: TestDefinition<S, M>): DvtTest {
  const { name, steps, run } = definition
  const bodies = steps ?? (run ? [{ name, run }] : [])
  if (bodies.length === 0) throw new FrameworkError('FRAMEWORK_BAD_TEST', `test "${name}" has neither steps nor run`)
  type Ctx = TestContext<z.output<S>, M>
  return {
    name,
    description: definition.description,
    parameters: definition.parameters,
    measurements: definition.measurements.map((m) => ({
      name: m.name,
      unit: m.unit,
      description: m.description,
      limits: (params: unknown) =>
        typeof m.limits === 'function' ? m.limits(params as z.output<S>) : (m.limits ?? {}),
      applies: (params: unknown) => m.applies?.(params as z.output<S>) ?? true,
    })),
    steps: bodies.map((step) => ({
      name: step.name,
      timeoutS: 'timeoutS' in step ? (step.timeoutS ?? null) : null,
      maxRepeats: 'maxRepeats' in step ? (step.maxRepeats ?? 3) : 3,
      run: async (ctx: TestContext<unknown, string>) => (await step.run(ctx as Ctx)) ?? undefined,
    })),
    teardown: async (ctx) => definition.teardown?.(ctx as Ctx),
  }
}
