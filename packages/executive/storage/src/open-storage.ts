import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './internal/schema'
import { SqliteStorage } from './sqlite-storage'
import { StorageError } from './storage-error'

export interface StorageOptions {
  /** SQLite file (`data.database_path`); its directory is created if needed. `:memory:` works for throwaway use. */
  databasePath: string
  /** Where `run_<id>/measurements.parquet` files go (`data.measurements_dir`); created if needed. */
  measurementsDir: string
  /**
   * `NORMAL` (default): a committed append survives the process being killed (WAL); `FULL` also survives
   * power loss, at the cost of an fsync per transaction.
   */
  synchronous?: 'NORMAL' | 'FULL'
  /** How long to wait for another process's write lock, ms (default 10 000). */
  busyTimeoutMs?: number
}

/** Opens (creating and migrating as needed) the SQLite run store. */
export function openStorage(options: StorageOptions): SqliteStorage {
  const memory = options.databasePath === ':memory:'
  const databasePath = memory ? options.databasePath : resolve(options.databasePath)
  const measurementsDir = resolve(options.measurementsDir)
  let db: Database.Database
  try {
    if (!memory) mkdirSync(dirname(databasePath), { recursive: true })
    mkdirSync(measurementsDir, { recursive: true })
    db = new Database(databasePath, { timeout: options.busyTimeoutMs ?? 10_000 })
  } catch (error) {
    throw new StorageError(
      'STORAGE_CANNOT_OPEN',
      `cannot open the database ${databasePath}: ${(error as Error).message} — check data.database_path and data.measurements_dir`,
      { cause: error },
    )
  }
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`)
    db.pragma('foreign_keys = ON')
    migrate(db, databasePath)
    return new SqliteStorage(db, measurementsDir)
  } catch (error) {
    db.close()
    throw error
  }
}
