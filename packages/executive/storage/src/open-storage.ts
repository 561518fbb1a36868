import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { migrate } from './internal/schema'
import { SqliteStorage } from './sqlite-storage'
import type { StorageBackend } from './storage-backend'
import { StorageError } from './storage-error'

export interface StorageOptions {
  /** SQLite file (`data.database_path`); its directory is created if needed. `:memory:` works for throwaway use. */
  databasePath: string
  /** Where the runs' Parquet files go (`data.measurements_dir`); created if needed. */
  measurementsDir: string
  /**
   * `NORMAL` (default): a committed append survives the process being killed (WAL); `FULL` also survives
   * power loss, at the cost of an fsync per transaction.
   */
  synchronous?: 'NORMAL' | 'FULL'
  /** How long to wait for another process's write lock, ms (default 10 000). */
  busyTimeoutMs?: number
  /** Bench lock lease, ms [30 000]: a holder that stops renewing loses the bench after this. */
  lockLeaseMs?: number
  /** The name this host goes by in runs and locks [os.hostname()]. */
  hostName?: string
}

/** Where a configured store lives: a PostgreSQL URL (`data.database_url`) or, without one, the SQLite file. */
export interface BackendOptions extends StorageOptions {
  /** `postgres://…`: a lab's shared database; null or absent: SQLite at `databasePath`. */
  databaseUrl?: string | null
  /** Where the PostgreSQL store keeps writes while the database is unreachable [`<databasePath>` folder/spool]. */
  spoolDir?: string
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
    return new SqliteStorage(db, measurementsDir, {
      ...(options.lockLeaseMs !== undefined ? { lockLeaseMs: options.lockLeaseMs } : {}),
      ...(options.hostName !== undefined ? { hostName: options.hostName } : {}),
    })
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Opens the configured store, ready for use: PostgreSQL when `databaseUrl` is set (node-postgres loads only then),
 * SQLite otherwise. Old-layout Parquet files are moved into the dataset, stale feed entries pruned. An unreachable
 * database is a StorageError (`STORAGE_UNREACHABLE`) in one sentence, and nothing is written anywhere.
 */
export async function openStorageBackend(options: BackendOptions): Promise<StorageBackend> {
  if (options.databaseUrl) {
    const { openPostgresStorage } = await import('./postgres-storage')
    return openPostgresStorage({ ...options, databaseUrl: options.databaseUrl })
  }
  const storage = openStorage(options)
  try {
    storage.pruneRunFeed()
    await storage.moveLegacyMeasurements()
  } catch (error) {
    await storage.close()
    throw error
  }
  return storage
}

/** The `data` section of the configuration (packages/shared/config): where runs live. */
export interface DataSettings {
  database_url: string | null
  database_path: string
  measurements_dir: string
}

/**
 * The run store of the configuration's `data` section: the lab's PostgreSQL when `database_url` is set, the SQLite
 * file otherwise. The one way the CLI, the run session and the dashboard open it.
 */
export function openConfiguredStorage(data: DataSettings): Promise<StorageBackend> {
  return openStorageBackend({
    databaseUrl: data.database_url,
    databasePath: data.database_path,
    measurementsDir: data.measurements_dir,
  })
}
