// `@dvt/framework/testing`: fixtures for tests of anything that consumes run events (CLI progress, web app, reports).
export type { RunEventFixtures } from './run-event-fixtures'
export { createRunEventFixtures } from './run-event-fixtures'
