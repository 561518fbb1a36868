// Arrow helpers for measurement series live at '@dvt/storage/arrow' (apache-arrow loads only where it is used).
export type { StorageOptions } from './open-storage'
export { openStorage } from './open-storage'
export type * from './records'
export { EVENT_LEVELS, FINAL_RUN_STATUSES, isFinalRunStatus, isRunStatus, RUN_STATUSES } from './records'
export { SqliteStorage } from './sqlite-storage'
export type { StorageBackend } from './storage-backend'
export type { StorageErrorCode } from './storage-error'
export { isStorageError, StorageError } from './storage-error'
