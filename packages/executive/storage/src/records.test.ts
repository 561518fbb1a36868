import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { migrate } from './internal/schema'
import {
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

describe('the sockets of results and readings', () => {
  it('names a board-wide run’s reading by its socket, and reads the name back', () => {
    expect(socketReadingName('vout_avg', 3)).toBe('vout_avg_s3')
    expect(parseSocketReading('vout_avg_s3')).toEqual({ parameter: 'vout_avg', socket: 3 })
    expect(parseSocketReading(socketReadingName('iin', 16))).toEqual({ parameter: 'iin', socket: 16 })
    for (const name of ['vout', 'vout_avg', 'transient_s', 'vout_s0', 'vout_s'])
      expect(parseSocketReading(name)).toBeNull()
  })

  it('shows a socket column only for results of more than one socket', () => {
    expect(resultSockets([{ socket: 8 }, { socket: null }, { socket: 2 }, { socket: 8 }])).toEqual([null, 2, 8])
    expect(showsSocketColumn([{ socket: null }, { socket: null }])).toBe(false)
    expect(showsSocketColumn([{ socket: 4 }])).toBe(false)
    expect(showsSocketColumn([{ socket: 4 }, { socket: 5 }])).toBe(true)
  })
})
