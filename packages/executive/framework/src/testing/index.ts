// `@dvt/framework/testing`: fixtures for tests of anything that consumes run events (CLI progress, web app, reports),
// and the real virtual bench with a runner on it for tests that need whole runs of the library (compare, fit).
export type { PlannedRun, RecordedRun } from './library-runs'
export { recordRuns } from './library-runs'
export type { RunEventFixtures } from './run-event-fixtures'
export { createRunEventFixtures } from './run-event-fixtures'
export type { TestRunnerOptions } from './test-runner'
export { createTestRunner } from './test-runner'
export type { VirtualBenchHost } from './virtual-bench-host'
export { startVirtualBench } from './virtual-bench-host'
