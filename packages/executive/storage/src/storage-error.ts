import { CodedError } from '@dvt/protocol'

/** Every way a storage call can fail that a caller may want to tell apart. */
export type StorageErrorCode =
  | 'STORAGE_RUN_NOT_FOUND'
  | 'STORAGE_RUN_AMBIGUOUS'
  | 'STORAGE_BAD_RUN_ID'
  | 'STORAGE_RUN_EXISTS'
  | 'STORAGE_INVALID_STATE'
  | 'STORAGE_INVALID_INPUT'
  | 'STORAGE_MEASUREMENTS_MISSING'
  | 'STORAGE_SCHEMA_TOO_NEW'
  | 'STORAGE_CANNOT_OPEN'
  | 'STORAGE_UNREACHABLE'
  | 'STORAGE_BAD_QUERY'
  | 'STORAGE_CAMPAIGN_NOT_FOUND'
  | 'STORAGE_CAMPAIGN_AMBIGUOUS'
  | 'STORAGE_BAD_CAMPAIGN_ID'
  | 'STORAGE_CAMPAIGN_EXISTS'

/** The one error class of `@dvt/storage`; `message` is a sentence that says what to do. */
export class StorageError extends CodedError<StorageErrorCode> {
  override readonly name = 'StorageError'
}

/** True for a StorageError, optionally of one code. */
export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code)
}
