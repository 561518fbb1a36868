export { measurementsArrowSchema, measurementsToArrowTable } from './measurements-arrow'
export type { StorageOptions } from './open-storage'
export { openStorage } from './open-storage'
export { SqliteStorage } from './sqlite-storage'
export type { StorageErrorCode } from './storage-error'
export { isStorageError, StorageError } from './storage-error'
export type {
  BenchLock,
  CompletedRun,
  EventLevel,
  EventRecord,
  MeasurementRow,
  NewRun,
  ResultRecord,
  RunPage,
  RunQuery,
  RunRecord,
  RunStatus,
  StorageBackend,
} from './types'
