import type { EventLevel, FinalRunStatus, MeasurementRow, Provenance, ResultRecord } from '@dvt/storage/records'
import type { Limits, StepControl, StepOutcome } from './test-definition'

/** Fields every run event carries. `time` is ISO-8601 wall time; `simTime` seconds since the run started. */
interface EventBase {
  runId: string
  time: string
  simTime: number
}

/** A declared measurement as announced at run start, limits resolved from the parameters. */
export interface MeasurementInfo {
  name: string
  unit: string
  description: string
  limits: Limits
}

export interface RunStartedEvent extends EventBase {
  type: 'run-started'
  test: string
  parameters: Record<string, unknown>
  serial: string | null
  operator: string | null
  description: string | null
  station: string | null
  softwareVersion: string
  config: unknown
  seed: number | null
  /** The bench, software and configuration the run is made with (stored with the run). */
  provenance: Provenance | null
  /** The campaign the run is a point of (docs/campaigns.md); absent or null for a run of its own. */
  campaignId?: string | null
  clock: 'simulated' | 'wall'
  steps: string[]
  measurements: MeasurementInfo[]
}

export interface StepStartedEvent extends EventBase {
  type: 'step-started'
  step: string
  index: number
  attempt: number
}

export interface StepFinishedEvent extends EventBase {
  type: 'step-finished'
  step: string
  index: number
  outcome: StepOutcome
  /** What the step asked for next; null when it threw. */
  control: StepControl | null
  error: string | null
}

export interface ProgressEvent extends EventBase {
  type: 'progress'
  step: string
  point: number | null
  of: number | null
  message: string | null
}

/** A raw reading (a row of the run's measurements). */
export interface MeasurementEvent extends EventBase {
  type: 'measurement'
  row: MeasurementRow
}

/** A judged measurement (a row of the run's results). */
export interface ResultEvent extends EventBase {
  type: 'result'
  step: string
  result: ResultRecord
}

export interface LogEvent extends EventBase {
  type: 'log'
  level: EventLevel
  message: string
}

export interface RunFinishedEvent extends EventBase {
  type: 'run-finished'
  status: FinalRunStatus
  /** Why the run ended in error or aborted (one sentence); null otherwise. */
  reason: string | null
}

/** Everything that happens in a run. One reducer (`reduceRun`) folds them into a RunState. */
export type RunEvent =
  | RunStartedEvent
  | StepStartedEvent
  | StepFinishedEvent
  | ProgressEvent
  | MeasurementEvent
  | ResultEvent
  | LogEvent
  | RunFinishedEvent

export type RunEventType = RunEvent['type']
