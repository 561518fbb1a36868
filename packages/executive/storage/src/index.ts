// Arrow helpers for measurement series live at '@dvt/storage/arrow' (apache-arrow loads only where it is used).
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
