// Arrow helpers for measurement series live at '@dvt/storage/arrow' (apache-arrow loads only where it is used).
export type { BackendOptions, DataSettings, StorageOptions } from './open-storage'
export { openConfiguredStorage, openStorage, openStorageBackend } from './open-storage'
// The PostgreSQL backend ('./postgres-storage') loads through openStorageBackend, only when a URL is configured.
export type { PostgresStorage } from './postgres-storage'
export type * from './records'
export {
  CAMPAIGN_POINT_STATUSES,
  DUT_VERDICTS,
  EVENT_LEVELS,
  FINAL_RUN_STATUSES,
  isFinalRunStatus,
  isRunStatus,
  parseSocketReading,
  RUN_STATUSES,
  resultSockets,
  showsSocketColumn,
  socketReadingName,
} from './records'
export { SqliteStorage } from './sqlite-storage'
export type { CampaignStorage, StorageBackend } from './storage-backend'
export type { StorageErrorCode } from './storage-error'
export { isStorageError, StorageError } from './storage-error'
