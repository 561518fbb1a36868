import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import type { RunStatus } from '../records'

const TESTS = ['tempco', 'line_regulation', 'load_regulation', 'dropout', 'psrr', 'quiescent_current']
// Seven statuses against six tests, so every combination occurs.
const STATUSES: RunStatus[] = ['passed', 'passed', 'passed', 'passed', 'failed', 'error', 'aborted']
const YEAR_MS = 365 * 86_400_000

/** The columns of one seeded run, in `SEED_COLUMNS` order. */
function seededRun(i: number, count: number, stations: number): (string | number | null)[] {
  const start = Date.parse('2024-01-01T00:00:00Z')
  const startedMs = start + Math.floor((i / count) * YEAR_MS)
  return [
    randomUUID(),
    TESTS[i % TESTS.length]!,
    STATUSES[i % STATUSES.length]!,
    new Date(startedMs).toISOString(),
    new Date(startedMs + 600_000).toISOString(),
    `operator${i % 17}`,
    `LDO-${String(i).padStart(6, '0')}`,
    `bench-${(i % stations) + 1}`,
    i % 50 === 0 ? 'engineering sample' : null,
    JSON.stringify({ points: [-40, 25, 85], settle_s: 600 }),
    JSON.stringify({ simulation: { speed: 'max', seed: i } }),
    i,
    '0.1.0',
    0,
  ]
}

const SEED_COLUMNS =
  'id, test, status, started_at, completed_at, operator, dut_serial, station, description, parameters, config, seed, ' +
  'software_version, measurement_count'

/**
 * Benchmark fixture only (bench/list-runs.ts, bench/storage.ts): inserts `count` finished runs spread over 2024 and
 * over `stations` stations (`bench-1` …) into an already opened (migrated) SQLite database in one transaction,
 * bypassing compaction. Returns the milliseconds it took.
 */
export function seedFinishedRuns(databasePath: string, count: number, stations = 1): number {
  const db = new Database(databasePath)
  const t0 = performance.now()
  const insert = db.prepare(
    `INSERT INTO runs (${SEED_COLUMNS}) VALUES (${SEED_COLUMNS.split(',')
      .map(() => '?')
      .join(', ')})`,
  )
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(...seededRun(i, count, stations))
  })()
  const ms = performance.now() - t0
  // A store that has been in use has its WAL folded into the file; reads do not go through a million-row WAL.
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return ms
}

/**
 * The same runs into an already migrated PostgreSQL database, with COPY (the run counter's trigger is paused for the
 * copy and the counter set once). Returns the milliseconds it took.
 */
export async function seedFinishedRunsPostgres(url: string, count: number, stations = 1): Promise<number> {
  const [{ default: pg }, { from: copyFrom }, { Readable }, { pipeline }] = await Promise.all([
    import('pg'),
    import('pg-copy-streams'),
    import('node:stream'),
    import('node:stream/promises'),
  ])
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const t0 = performance.now()
  try {
    await client.query('BEGIN')
    await client.query('ALTER TABLE runs DISABLE TRIGGER runs_counted')
    const lines = function* () {
      for (let i = 0; i < count; i += 10_000) {
        let chunk = ''
        for (let k = i; k < Math.min(count, i + 10_000); k++) {
          chunk += `${seededRun(k, count, stations)
            .map((v) => (v === null ? '\\N' : String(v)))
            .join('\t')}\n`
        }
        yield chunk
      }
    }
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY runs (${SEED_COLUMNS}) FROM STDIN`)))
    await client.query('ALTER TABLE runs ENABLE TRIGGER runs_counted')
    await client.query('UPDATE run_count SET n = (SELECT count(*) FROM runs)')
    await client.query('COMMIT')
    // What autovacuum and the checkpointer do soon after: statistics for the planner, the visibility map for
    // index-only scans, and the copy's pages written out (not competing with the queries that are timed).
    await client.query('VACUUM ANALYZE runs')
    await client.query('CHECKPOINT')
  } finally {
    await client.end()
  }
  return performance.now() - t0
}
