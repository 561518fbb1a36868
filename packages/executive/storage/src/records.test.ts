import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from './internal/schema'
import { EVENT_LEVELS, FINAL_RUN_STATUSES, isFinalRunStatus, isRunStatus, RUN_STATUSES } from './records'

describe('the run status list', () => {
  it('is the one list: the final statuses are part of it and the guards follow it', async () => {
    expect(RUN_STATUSES).toEqual(['pending', 'running', 'passed', 'failed', 'error', 'aborted'])
    for (const status of FINAL_RUN_STATUSES) expect(RUN_STATUSES).toContain(status)
    expect(RUN_STATUSES.filter(isFinalRunStatus)).toEqual([...FINAL_RUN_STATUSES])
    expect(isRunStatus('done')).toBe(false)
  })

  it('builds the SQL CHECK constraints: every listed status and level is stored, anything else refused', async () => {
    const db = new Database(':memory:')
    migrate(db, ':memory:')
    const insertRun = db.prepare(
      `INSERT INTO runs (id, test, status, started_at, parameters, config, software_version)
       VALUES (?, 't', ?, '2026-01-01T00:00:00.000Z', '{}', '{}', 'x')`,
    )
    for (const [i, status] of RUN_STATUSES.entries()) insertRun.run(`run-${i}`, status)
    expect(() => insertRun.run('run-bad', 'done')).toThrow(/CHECK constraint/)
    const insertEvent = db.prepare(`INSERT INTO events (run_id, time, level, message) VALUES ('run-0', 'now', ?, 'm')`)
    for (const level of EVENT_LEVELS) insertEvent.run(level)
    expect(() => insertEvent.run('fatal')).toThrow(/CHECK constraint/)
    db.close()
  })
})
