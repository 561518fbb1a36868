import type Database from 'better-sqlite3'
import { EVENT_LEVELS, RUN_STATUSES } from '../records'
import { StorageError } from '../storage-error'

/** One step of the schema; `user_version` records how many have run. Append only, never edit a shipped step. */
export interface Migration {
  version: number
  description: string
  sql: string
}

/** `'a', 'b', …`: a SQL list of string literals (the values are our own constants, never input). */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')
}

// The CHECK constraints are built from the one status and level lists. SQLite cannot alter a CHECK: a new status
// needs a migration that rebuilds the table (and this step keeps the list it shipped with, which is the list today).

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, results, events, measurement staging, bench locks',
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        test TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN (${sqlList(RUN_STATUSES)})),
        started_at TEXT NOT NULL,
        completed_at TEXT,
        operator TEXT,
        dut_serial TEXT,
        station TEXT,
        description TEXT,
        parameters TEXT NOT NULL,
        config TEXT NOT NULL,
        seed INTEGER,
        software_version TEXT NOT NULL,
        status_reason TEXT,
        measurement_count INTEGER NOT NULL DEFAULT 0,
        parquet_path TEXT,
        pid INTEGER,
        hostname TEXT
      );
      CREATE INDEX runs_started_at ON runs (started_at, id);
      CREATE INDEX runs_status_started_at ON runs (status, started_at, id);
      CREATE INDEX runs_test_started_at ON runs (test, started_at, id);

      CREATE TABLE results (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        parameter TEXT NOT NULL,
        value REAL NOT NULL,
        unit TEXT NOT NULL,
        lower_limit REAL,
        upper_limit REAL,
        passed INTEGER
      );
      CREATE INDEX results_run_id ON results (run_id, id);

      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        time TEXT NOT NULL,
        sim_time REAL,
        level TEXT NOT NULL CHECK (level IN (${sqlList(EVENT_LEVELS)})),
        message TEXT NOT NULL
      );
      CREATE INDEX events_run_id ON events (run_id, id);

      -- One row per appended batch (columnar blob, see staging-codec.ts), in append order.
      CREATE TABLE measurements_staging (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        row_count INTEGER NOT NULL,
        batch BLOB NOT NULL
      );
      CREATE INDEX measurements_staging_run_id ON measurements_staging (run_id, id);

      -- No foreign key: a runner takes the bench before it creates the run.
      CREATE TABLE bench_locks (
        bench TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        pid INTEGER NOT NULL,
        hostname TEXT NOT NULL,
        since TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    description: 'index for listing by test and status together',
    sql: 'CREATE INDEX runs_test_status_started_at ON runs (test, status, started_at, id);',
  },
]

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Brings the database to SCHEMA_VERSION, each step in its own transaction. Refuses a newer database. */
export function migrate(db: Database.Database, databasePath: string): void {
  if ((db.pragma('user_version', { simple: true }) as number) === SCHEMA_VERSION) return
  for (const migration of MIGRATIONS) {
    // Re-read inside the write lock: another process may be migrating the same file.
    db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number
      if (current > SCHEMA_VERSION) throw tooNew(databasePath, current)
      if (migration.version <= current) return
      db.exec(migration.sql)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
  }
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) throw tooNew(databasePath, version)
}

function tooNew(databasePath: string, version: number): StorageError {
  return new StorageError(
    'STORAGE_SCHEMA_TOO_NEW',
    `the database ${databasePath} has schema version ${version}, newer than this dvt (${SCHEMA_VERSION}) — upgrade dvt or use another data.database_path`,
  )
}
