import type { MeasurementRow, ResultRecord } from '@dvt/storage/records'
import { measurementRow } from '@dvt/storage/testing'
import type {
  LogEvent,
  MeasurementEvent,
  ProgressEvent,
  ResultEvent,
  RunFinishedEvent,
  RunStartedEvent,
  StepFinishedEvent,
  StepStartedEvent,
} from '../run-events'

/** The fields of an event that a test may set: everything but `type`. */
type Fields<E> = Partial<Omit<E, 'type'>>

/**
 * The events of one run for tests, from `run-started` to `run-finished`: each builder fills in the run's `runId` and
 * `time`, `simTime` 0 and plain defaults (test `tempco`, steps `configure` and `sweep`, a 3.3 V `vout` reading), and
 * takes any field to replace.
 */
export interface RunEventFixtures {
  readonly runId: string
  readonly time: string
  started(fields?: Fields<RunStartedEvent>): RunStartedEvent
  stepStarted(fields?: Fields<StepStartedEvent>): StepStartedEvent
  stepFinished(fields?: Fields<StepFinishedEvent>): StepFinishedEvent
  progress(fields?: Fields<ProgressEvent>): ProgressEvent
  /** A reading; the event's `simTime` is the row's. */
  measurement(row?: Partial<MeasurementRow>): MeasurementEvent
  /** A judged result of `tempco_ppm_per_c` within ±100 ppm/°C. */
  result(result?: Partial<ResultRecord>, fields?: Fields<ResultEvent>): ResultEvent
  log(fields?: Fields<LogEvent>): LogEvent
  finished(fields?: Fields<RunFinishedEvent>): RunFinishedEvent
}

/** Event builders for one run (`r1`, started 2026-01-01T00:00:00.000Z unless given). */
export function createRunEventFixtures(run: { runId?: string; time?: string } = {}): RunEventFixtures {
  const base = { runId: run.runId ?? 'r1', time: run.time ?? '2026-01-01T00:00:00.000Z', simTime: 0 }
  return {
    ...base,
    started: (fields) => ({
      ...base,
      type: 'run-started',
      test: 'tempco',
      parameters: {},
      serial: null,
      operator: null,
      description: null,
      station: null,
      softwareVersion: '1.0.0',
      provenance: null,
      config: null,
      seed: null,
      clock: 'simulated',
      steps: ['configure', 'sweep'],
      measurements: [],
      ...fields,
    }),
    stepStarted: (fields) => ({ ...base, type: 'step-started', step: 'sweep', index: 1, attempt: 1, ...fields }),
    stepFinished: (fields) => ({
      ...base,
      type: 'step-finished',
      step: 'sweep',
      index: 1,
      outcome: 'pass',
      control: null,
      error: null,
      ...fields,
    }),
    progress: (fields) => ({
      ...base,
      type: 'progress',
      step: 'sweep',
      point: null,
      of: null,
      message: null,
      ...fields,
    }),
    measurement: (row) => {
      const full = measurementRow(row)
      return { ...base, type: 'measurement', simTime: full.simTime, row: full }
    },
    result: (result, fields) => ({
      ...base,
      type: 'result',
      step: 'sweep',
      result: {
        parameter: 'tempco_ppm_per_c',
        value: 50,
        unit: 'ppm/°C',
        lowerLimit: -100,
        upperLimit: 100,
        passed: true,
        socket: null,
        ...result,
      },
      ...fields,
    }),
    log: (fields) => ({ ...base, type: 'log', level: 'info', message: '', ...fields }),
    finished: (fields) => ({ ...base, type: 'run-finished', status: 'passed', reason: null, ...fields }),
  }
}
