// `@dvt/framework/run-state`: the run model — every run event, the state they fold into, and the one reducer.
// Pure and browser-safe (type-only imports): the runner, the CLI's progress display and the web app all use it.
import type { EventLevel, MeasurementRow, ResultRecord, RunStatus } from '@dvt/storage/records'
import type { MeasurementInfo, RunEvent } from './run-events'
import type { StepOutcome } from './test-definition'

export type * from './run-events'
export type { StepOutcome } from './test-definition'

export interface StepState {
  name: string
  status: 'pending' | 'running' | StepOutcome
  attempts: number
  error: string | null
}

export interface RunProgress {
  step: string
  point: number | null
  of: number | null
  message: string | null
}

export interface RunLogEntry {
  time: string
  simTime: number
  level: EventLevel
  message: string
}

export interface RunCounts {
  measurements: number
  results: number
  passed: number
  failed: number
  warnings: number
  errors: number
}

/** Everything known about a run, derived only from its events. */
export interface RunState {
  id: string
  test: string
  status: RunStatus
  statusReason: string | null
  startedAt: string
  completedAt: string | null
  simTime: number
  parameters: Record<string, unknown>
  serial: string | null
  operator: string | null
  description: string | null
  station: string | null
  declared: MeasurementInfo[]
  steps: StepState[]
  currentStep: string | null
  progress: RunProgress | null
  results: ResultRecord[]
  lastMeasurement: MeasurementRow | null
  log: RunLogEntry[]
  counts: RunCounts
}

/** The state before any event (a placeholder `pending` run). */
export function initialRunState(runId = ''): RunState {
  return {
    id: runId,
    test: '',
    status: 'pending',
    statusReason: null,
    startedAt: '',
    completedAt: null,
    simTime: 0,
    parameters: {},
    serial: null,
    operator: null,
    description: null,
    station: null,
    declared: [],
    steps: [],
    currentStep: null,
    progress: null,
    results: [],
    lastMeasurement: null,
    log: [],
    counts: { measurements: 0, results: 0, passed: 0, failed: 0, warnings: 0, errors: 0 },
  }
}

function updateStep(state: RunState, name: string, change: (step: StepState) => StepState): StepState[] {
  return state.steps.map((step) => (step.name === name ? change(step) : step))
}

function countResults(results: ResultRecord[], counts: RunCounts): RunCounts {
  const passed = results.filter((r) => r.passed === true).length
  const failed = results.filter((r) => r.passed === false).length
  return { ...counts, results: results.length, passed, failed }
}

/** Whether two results are of the same measurement of the same DUT (a measurement is judged once per socket). */
export function sameMeasurement(a: Pick<ResultRecord, 'parameter' | 'socket'>, b: typeof a): boolean {
  return a.parameter === b.parameter && (a.socket ?? null) === (b.socket ?? null)
}

/** The one reducer of run state: pure, never mutates `state`. */
export function reduceRun(state: RunState, event: RunEvent): RunState {
  const next = { ...state, simTime: Math.max(state.simTime, event.simTime) }
  switch (event.type) {
    case 'run-started':
      return {
        ...initialRunState(event.runId),
        test: event.test,
        status: 'running',
        startedAt: event.time,
        simTime: event.simTime,
        parameters: event.parameters,
        serial: event.serial,
        operator: event.operator,
        description: event.description,
        station: event.station,
        declared: event.measurements,
        steps: event.steps.map((name) => ({ name, status: 'pending', attempts: 0, error: null })),
      }
    case 'step-started':
      return {
        ...next,
        currentStep: event.step,
        steps: updateStep(state, event.step, (s) => ({ ...s, status: 'running', attempts: event.attempt })),
      }
    case 'step-finished':
      return {
        ...next,
        currentStep: null,
        steps: updateStep(state, event.step, (s) => ({ ...s, status: event.outcome, error: event.error })),
      }
    case 'progress':
      return {
        ...next,
        progress: { step: event.step, point: event.point, of: event.of, message: event.message },
      }
    case 'measurement':
      return {
        ...next,
        lastMeasurement: event.row,
        counts: { ...state.counts, measurements: state.counts.measurements + 1 },
      }
    case 'result': {
      const results = [...state.results.filter((r) => !sameMeasurement(r, event.result)), event.result]
      return { ...next, results, counts: countResults(results, state.counts) }
    }
    case 'log': {
      const entry = { time: event.time, simTime: event.simTime, level: event.level, message: event.message }
      const counts = {
        ...state.counts,
        warnings: state.counts.warnings + (event.level === 'warn' ? 1 : 0),
        errors: state.counts.errors + (event.level === 'error' ? 1 : 0),
      }
      return { ...next, log: [...state.log, entry], counts }
    }
    case 'run-finished':
      return {
        ...next,
        status: event.status,
        statusReason: event.reason,
        completedAt: event.time,
        currentStep: null,
      }
  }
}
