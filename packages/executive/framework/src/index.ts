export type { InstrumentsConfig } from './bench-addresses'
export { benchAddresses } from './bench-addresses'
export type { BoardConfig, BoardWiring, CurrentSource, SocketWiring, VoutSource } from './board'
export { boardWiring, SINGLE_DUT, simulatorSocket } from './board'
export type { Clock, ClockWaitOptions, SimulatedClockOptions } from './clock'
export { createSimulatedClock, createWallClock } from './clock'
export { defaultRegistry, dvtTests } from './default-registry'
export type { FrameworkErrorCode } from './framework-error'
export { FrameworkError } from './framework-error'
export type { TempcoResult, TempPoint } from './library/analysis'
export { computeTempco, fitAgainstTemperature } from './library/analysis'
export type { SettleOptions } from './library/bench-steps'
export { benchParameters, FAST_READING_NPLC, settleChamber } from './library/bench-steps'
export { describeFailure, judge } from './limits'
export { describeParameters, parseParameterStrings, validateParameters } from './parameters'
export type { ProvenanceSource } from './provenance'
export { benchStation, collectProvenance, configHash } from './provenance'
export { replayConfig } from './replay-config'
export type * from './run-events'
export type { RunObserver } from './run-observer'
export type { RunSession, RunSessionOptions } from './run-session'
export { openRunSession } from './run-session'
export type { RunCounts, RunLogEntry, RunProgress, RunState, StepState } from './run-state'
export { initialRunState, reduceRun, sameMeasurement } from './run-state'
export type { Runner, RunnerOptions, RunOptions } from './runner'
export { createRunner } from './runner'
export type { DutSocket, TestSockets } from './sockets'
export { createTestSockets } from './sockets'
export type { StorageObserverOptions } from './storage-observer'
export { createStorageObserver } from './storage-observer'
export type {
  DeclaredMeasurement,
  DvtTest,
  Limits,
  MeasurementDefinition,
  MeasureOptions,
  ProgressUpdate,
  RecordConditions,
  Step,
  StepBody,
  StepControl,
  StepDefinition,
  StepOutcome,
  TestClock,
  TestContext,
  TestDefinition,
  TestLog,
} from './test-definition'
export { defineTest } from './test-definition'
export type { TestRegistry } from './test-registry'
export { createTestRegistry } from './test-registry'
