import type Database from 'better-sqlite3'
import { CAMPAIGN_POINT_STATUSES, DUT_VERDICTS, EVENT_LEVELS, RUN_STATUSES } from '../records'
import { StorageError } from '../storage-error'
import { writeTransaction } from './sqlite-write'

/**
 * One step of the schema, the same step for both backends (so "schema version 3" means one thing in a SQLite file and
 * in a lab's PostgreSQL). SQLite records the steps run in `user_version`, PostgreSQL in the `dvt_schema` table.
 * Append only, never edit a shipped step.
 */
export interface Migration {
  version: number
  description: string
  sqlite: string
  postgres: string
}

/** `'a', 'b', …`: a SQL list of string literals (the values are our own constants, never input). */
export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')
}

// The CHECK constraints are built from the one status and level lists. SQLite cannot alter a CHECK: a new status
// needs a migration that rebuilds the table (and this step keeps the list it shipped with, which is the list today).

/** Feed entries older than this are pruned when a store opens. */
export const FEED_RETENTION_MS = 7 * 86_400_000
/** The SQLSTATE PostgreSQL raises for a batch appended to a run that is missing or has ended. */
export const RUN_NOT_OPEN = '55000'
/** The PostgreSQL channel the run-event feed NOTIFYs on. */
export const FEED_CHANNEL = 'dvt_run_feed'
/** Advisory lock keys: one serialises the feed's writers, the other the schema's migrators. */
export const FEED_LOCK = 7_302_001
export const MIGRATION_LOCK = 7_302_000

/** The words in which the two backends spell the same column types. */
interface Dialect {
  /** A 64-bit integer. */
  int64: string
  real: string
  bool: string
  bytes: string
  /** A row ID assigned in insertion order. */
  rowId: string
}

const SQLITE: Dialect = { int64: 'INTEGER', real: 'REAL', bool: 'INTEGER', bytes: 'BLOB', rowId: 'INTEGER PRIMARY KEY' }
const POSTGRES: Dialect = {
  int64: 'BIGINT',
  real: 'DOUBLE PRECISION',
  bool: 'BOOLEAN',
  bytes: 'BYTEA',
  rowId: 'BIGSERIAL PRIMARY KEY',
}

const baseTables = (d: Dialect) => `
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
    seed ${d.int64},
    software_version TEXT NOT NULL,
    status_reason TEXT,
    measurement_count ${d.int64} NOT NULL DEFAULT 0,
    parquet_path TEXT,
    pid INTEGER,
    hostname TEXT
  );
  CREATE INDEX runs_started_at ON runs (started_at, id);
  CREATE INDEX runs_status_started_at ON runs (status, started_at, id);
  CREATE INDEX runs_test_started_at ON runs (test, started_at, id);

  CREATE TABLE results (
    id ${d.rowId},
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    parameter TEXT NOT NULL,
    value ${d.real} NOT NULL,
    unit TEXT NOT NULL,
    lower_limit ${d.real},
    upper_limit ${d.real},
    passed ${d.bool}
  );
  CREATE INDEX results_run_id ON results (run_id, id);

  CREATE TABLE events (
    id ${d.rowId},
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    time TEXT NOT NULL,
    sim_time ${d.real},
    level TEXT NOT NULL CHECK (level IN (${sqlList(EVENT_LEVELS)})),
    message TEXT NOT NULL
  );
  CREATE INDEX events_run_id ON events (run_id, id);

  -- One row per appended batch (columnar blob, see staging-codec.ts), in append order.
  CREATE TABLE measurements_staging (
    id ${d.rowId},
    run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    row_count INTEGER NOT NULL,
    batch ${d.bytes} NOT NULL
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
`

const labColumns = `
  ALTER TABLE runs ADD COLUMN campaign_id TEXT;
  ALTER TABLE runs ADD COLUMN provenance TEXT;
  CREATE INDEX runs_station_started_at ON runs (station, started_at, id);
  ALTER TABLE bench_locks ADD COLUMN expires_at TEXT NOT NULL DEFAULT '1970-01-01T00:00:00.000Z';
  -- Runs whose Parquet file is still in the old layout (run_<id>/measurements.parquet); moved when opened.
  CREATE TABLE legacy_parquet (run_id TEXT PRIMARY KEY);
`

const SQLITE_V3 = `${labColumns}
  INSERT INTO legacy_parquet SELECT id FROM runs WHERE parquet_path IS NOT NULL;
  CREATE TABLE run_feed (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    event TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  -- The unfiltered total of "dvt list-runs", kept by triggers so it costs nothing with a million runs.
  CREATE TABLE run_count (n INTEGER NOT NULL);
  INSERT INTO run_count SELECT count(*) FROM runs;
  CREATE TRIGGER runs_counted AFTER INSERT ON runs BEGIN UPDATE run_count SET n = n + 1; END;
  CREATE TRIGGER runs_uncounted AFTER DELETE ON runs BEGIN UPDATE run_count SET n = n - 1; END;
`

const POSTGRES_V3 = `${labColumns}
  CREATE TABLE run_feed (
    seq BIGSERIAL PRIMARY KEY,
    run_id TEXT NOT NULL,
    event TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  CREATE TABLE run_count (n BIGINT NOT NULL);
  INSERT INTO run_count SELECT count(*) FROM runs;
  CREATE FUNCTION runs_count() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE run_count SET n = n + (CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END);
    RETURN NULL;
  END $$;
  CREATE TRIGGER runs_counted AFTER INSERT OR DELETE ON runs FOR EACH ROW EXECUTE FUNCTION runs_count();
  -- A staged batch counts towards its run, which must be open: one COPY is then the whole append (one round trip
  -- for the data, one commit), atomic with the count.
  CREATE FUNCTION staging_counted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE runs SET measurement_count = measurement_count + NEW.row_count
    WHERE id = NEW.run_id AND status IN ('pending', 'running');
    IF NOT FOUND THEN
      RAISE EXCEPTION 'run % is not open', NEW.run_id USING ERRCODE = '${RUN_NOT_OPEN}';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER staging_counted BEFORE INSERT ON measurements_staging FOR EACH ROW EXECUTE FUNCTION staging_counted();
  -- Publishing takes a transaction-scoped lock, so entries commit in the order of their seq and a watcher that
  -- reads "after seq n" never skips one that commits late. NOTIFY only wakes the watchers; they read the table.
  CREATE FUNCTION dvt_publish(run_ids TEXT[], events TEXT[]) RETURNS BIGINT LANGUAGE plpgsql AS $$
  DECLARE last BIGINT;
  BEGIN
    PERFORM pg_advisory_xact_lock(${FEED_LOCK});
    WITH added AS (
      INSERT INTO run_feed (run_id, event)
      SELECT r, e FROM unnest(run_ids, events) WITH ORDINALITY AS u (r, e, n) ORDER BY n
      RETURNING seq
    ) SELECT max(seq) INTO last FROM added;
    PERFORM pg_notify('${FEED_CHANNEL}', last::text);
    RETURN last;
  END $$;
`

/** Results of a board-wide run name their DUT socket; a result of the run's one DUT (every older one) has null. */
const resultSocket = 'ALTER TABLE results ADD COLUMN socket INTEGER;'

const runsByTestAndStatus = 'CREATE INDEX runs_test_status_started_at ON runs (test, status, started_at, id);'

// Campaigns (docs/campaigns.md). JSON columns are TEXT on both backends, as for runs. A result names its point by
// the point's key (null for a derived result), so finishing a point replaces its results in the same transaction.
const campaignTables = (d: Dialect) => `
  CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN (${sqlList(RUN_STATUSES)})),
    status_reason TEXT,
    started_at TEXT NOT NULL,
    completed_at TEXT,
    station TEXT,
    operator TEXT,
    plan_path TEXT,
    plan_text TEXT NOT NULL,
    plan TEXT NOT NULL,
    lot_name TEXT NOT NULL,
    lot_size INTEGER NOT NULL,
    sockets INTEGER NOT NULL,
    temperatures_c TEXT NOT NULL,
    min_yield ${d.real},
    yield ${d.real},
    progress TEXT NOT NULL,
    sim_seconds ${d.real} NOT NULL DEFAULT 0,
    software_version TEXT NOT NULL,
    pid INTEGER,
    hostname TEXT
  );
  CREATE INDEX campaigns_started_at ON campaigns (started_at, id);
  CREATE INDEX runs_campaign_id ON runs (campaign_id);

  CREATE TABLE campaign_duts (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    lot_index INTEGER NOT NULL,
    serial TEXT NOT NULL,
    board INTEGER NOT NULL,
    socket INTEGER NOT NULL,
    verdict TEXT CHECK (verdict IN (${sqlList(DUT_VERDICTS)})),
    truth TEXT,
    PRIMARY KEY (campaign_id, lot_index),
    UNIQUE (campaign_id, serial)
  );

  CREATE TABLE campaign_points (
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    temperature_index INTEGER NOT NULL,
    board INTEGER NOT NULL,
    step_index INTEGER NOT NULL,
    sweep_index INTEGER NOT NULL,
    temperature_c ${d.real} NOT NULL,
    test TEXT NOT NULL,
    parameters TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN (${sqlList(CAMPAIGN_POINT_STATUSES)})),
    run_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, ordinal),
    UNIQUE (campaign_id, temperature_index, board, step_index, sweep_index)
  );

  CREATE TABLE campaign_results (
    id ${d.rowId},
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    point_ordinal INTEGER,
    serial TEXT NOT NULL,
    socket INTEGER NOT NULL,
    test TEXT NOT NULL,
    conditions TEXT NOT NULL,
    parameter TEXT NOT NULL,
    value ${d.real} NOT NULL,
    unit TEXT NOT NULL,
    lower_limit ${d.real},
    upper_limit ${d.real},
    passed ${d.bool},
    run_id TEXT,
    truth ${d.real}
  );
  CREATE INDEX campaign_results_campaign ON campaign_results (campaign_id, point_ordinal, id);
`

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'runs, results, events, measurement staging, bench locks',
    sqlite: baseTables(SQLITE),
    postgres: baseTables(POSTGRES),
  },
  {
    version: 2,
    description: 'index for listing by test and status together',
    sqlite: runsByTestAndStatus,
    postgres: runsByTestAndStatus,
  },
  {
    version: 3,
    description: 'a lab: campaign and provenance of runs, listing by station, lock leases, the run-event feed',
    sqlite: SQLITE_V3,
    postgres: POSTGRES_V3,
  },
  {
    version: 4,
    description: 'the DUT socket of each result (board-wide runs)',
    sqlite: resultSocket,
    postgres: resultSocket,
  },
  {
    version: 5,
    description: 'campaigns: their DUTs, points and results',
    sqlite: campaignTables(SQLITE),
    postgres: campaignTables(POSTGRES),
  },
]

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length

/** Brings the database to SCHEMA_VERSION, each step in its own transaction. Refuses a newer database. */
export function migrate(db: Database.Database, databasePath: string): void {
  if ((db.pragma('user_version', { simple: true }) as number) === SCHEMA_VERSION) return
  for (const migration of MIGRATIONS) {
    // Re-read inside the write lock: another process may be migrating the same file.
    writeTransaction(db, () => {
      const current = db.pragma('user_version', { simple: true }) as number
      if (current > SCHEMA_VERSION) throw tooNew(databasePath, current)
      if (migration.version <= current) return
      db.exec(migration.sqlite)
      db.pragma(`user_version = ${migration.version}`)
    })
  }
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) throw tooNew(databasePath, version)
}

function tooNew(databasePath: string, version: number): StorageError {
  return schemaTooNew(`the database ${databasePath}`, version, 'data.database_path')
}

/** The one sentence for a store whose schema is newer than this code knows. */
export function schemaTooNew(what: string, version: number, setting: string): StorageError {
  return new StorageError(
    'STORAGE_SCHEMA_TOO_NEW',
    `${what} has schema version ${version}, newer than this dvt (${SCHEMA_VERSION}) — upgrade dvt or use another ${setting}`,
  )
}
