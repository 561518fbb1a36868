// `@dvt/storage/testing`: fixtures for tests and benchmarks (temporary stores, sample rows, seeded runs).
export { campaignPoints, campaignResult, newCampaign } from './campaign-record'
export { measurementRow } from './measurement-row'
export type { PgCluster, PgClusterOptions } from './pg-cluster'
export { startPgCluster } from './pg-cluster'
export { runRecord } from './run-record'
export { seedFinishedRuns, seedFinishedRunsPostgres } from './seed-runs'
export type { TempStorage } from './temp-storage'
export { createTempStorage, newRun, sampleRows } from './temp-storage'
