import type Database from 'better-sqlite3'
import { RUN_COLUMNS } from './run-row'

/** Every fixed statement, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    insertRun: db.prepare(
      `INSERT INTO runs (id, test, status, started_at, operator, dut_serial, station, description, parameters, config,
         seed, software_version, pid, hostname, campaign_id, provenance)
       VALUES (@id, @test, 'pending', @startedAt, @operator, @dutSerial, @station, @description, @parameters, @config,
         @seed, @softwareVersion, @pid, @hostname, @campaignId, @provenance)`,
    ),
    getRun: db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
    runExists: db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck(),
    runStatus: db.prepare('SELECT status FROM runs WHERE id = ?').pluck(),
    idsInRange: db.prepare('SELECT id FROM runs WHERE id >= ? AND id < ? ORDER BY id LIMIT 6').pluck(),
    startRun: db.prepare(
      `UPDATE runs SET status = 'running', pid = ?, hostname = ? WHERE id = ? AND status IN ('pending', 'running')`,
    ),
    adoptRun: db.prepare(
      `UPDATE runs SET pid = ?, hostname = ? WHERE id = ? AND pid IS ? AND hostname IS ? AND status IN ('pending', 'running')`,
    ),
    finishRun: db.prepare(
      `UPDATE runs SET status = ?, completed_at = ?, status_reason = ?, parquet_path = ?, measurement_count = ?
       WHERE id = ? AND status IN ('pending', 'running')`,
    ),
    openRuns: db.prepare(`SELECT ${RUN_COLUMNS} FROM runs WHERE status IN ('pending', 'running') ORDER BY started_at`),
    countStaged: db.prepare(
      `UPDATE runs SET measurement_count = measurement_count + ? WHERE id = ? AND status IN ('pending', 'running')`,
    ),
    insertStaged: db.prepare('INSERT INTO measurements_staging (run_id, row_count, batch) VALUES (?, ?, ?)'),
    selectStaged: db.prepare(
      'SELECT row_count AS rowCount, batch FROM measurements_staging WHERE run_id = ? ORDER BY id',
    ),
    deleteStaged: db.prepare('DELETE FROM measurements_staging WHERE run_id = ?'),
    insertResult: db.prepare(
      `INSERT INTO results (run_id, parameter, value, unit, lower_limit, upper_limit, passed, socket)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    selectResults: db.prepare(
      'SELECT parameter, value, unit, lower_limit, upper_limit, passed, socket FROM results WHERE run_id = ? ORDER BY id',
    ),
    insertEvent: db.prepare('INSERT INTO events (run_id, time, sim_time, level, message) VALUES (?, ?, ?, ?, ?)'),
    selectEvents: db.prepare('SELECT time, sim_time, level, message FROM events WHERE run_id = ? ORDER BY id'),
    getLock: db.prepare(
      'SELECT bench, run_id AS runId, pid, hostname, since, expires_at AS expiresAt FROM bench_locks WHERE bench = ?',
    ),
    putLock: db.prepare(
      'INSERT OR REPLACE INTO bench_locks (bench, run_id, pid, hostname, since, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    renewLock: db.prepare(
      'UPDATE bench_locks SET expires_at = ? WHERE bench = ? AND run_id = ? AND pid = ? AND hostname = ?',
    ),
    runCount: db.prepare('SELECT n FROM run_count').pluck(),
    insertFeed: db.prepare('INSERT INTO run_feed (run_id, event, created_at) VALUES (?, ?, ?)'),
    feedAfter: db.prepare('SELECT seq, run_id AS runId, event FROM run_feed WHERE seq > ? ORDER BY seq LIMIT 1000'),
    feedLast: db.prepare("SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'run_feed'), 0)").pluck(),
    oldestFeed: db.prepare('SELECT created_at FROM run_feed ORDER BY seq LIMIT 1').pluck(),
    pruneFeed: db.prepare('DELETE FROM run_feed WHERE created_at < ?'),
    legacyParquet: db.prepare('SELECT run_id FROM legacy_parquet LIMIT 100').pluck(),
    doneLegacy: db.prepare('DELETE FROM legacy_parquet WHERE run_id = ?'),
    setParquetPath: db.prepare('UPDATE runs SET parquet_path = ? WHERE id = ?'),
    releaseLock: db.prepare('DELETE FROM bench_locks WHERE bench = ? AND run_id = ?'),
    releaseRunLocks: db.prepare('DELETE FROM bench_locks WHERE run_id = ?'),
  }
}

export type Statements = ReturnType<typeof prepareStatements>
