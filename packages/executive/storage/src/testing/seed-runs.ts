import { randomUUID } from 'node:crypto'
import Database from 'better-sqlite3'
import type { RunStatus } from '../records'

const TESTS = ['tempco', 'line_regulation', 'load_regulation', 'dropout', 'psrr', 'quiescent_current']
// Seven statuses against six tests, so every combination occurs.
const STATUSES: RunStatus[] = ['passed', 'passed', 'passed', 'passed', 'failed', 'error', 'aborted']
const YEAR_MS = 365 * 86_400_000

/**
 * Benchmark fixture only (bench/list-runs.ts): inserts `count` finished runs spread over 2024 into an already
 * opened (migrated) database in one transaction, bypassing compaction. Returns the milliseconds it took.
 */
export function seedFinishedRuns(databasePath: string, count: number): number {
  const db = new Database(databasePath)
  const t0 = performance.now()
  const insert = db.prepare(
    `INSERT INTO runs (id, test, status, started_at, completed_at, operator, dut_serial, station, description,
       parameters, config, seed, software_version, measurement_count)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'bench-1', ?, ?, ?, ?, '0.1.0', 0)`,
  )
  const start = Date.parse('2024-01-01T00:00:00Z')
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const startedMs = start + Math.floor((i / count) * YEAR_MS)
      insert.run(
        randomUUID(),
        TESTS[i % TESTS.length],
        STATUSES[i % STATUSES.length],
        new Date(startedMs).toISOString(),
        new Date(startedMs + 600_000).toISOString(),
        `operator${i % 17}`,
        `LDO-${String(i).padStart(6, '0')}`,
        i % 50 === 0 ? 'engineering sample' : null,
        JSON.stringify({ points: [-40, 25, 85], settle_s: 600 }),
        JSON.stringify({ simulation: { speed: 'max', seed: i } }),
        i,
      )
    }
  })()
  const ms = performance.now() - t0
  db.close()
  return ms
}
