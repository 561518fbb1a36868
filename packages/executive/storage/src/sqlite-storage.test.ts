import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MIGRATIONS, SCHEMA_VERSION } from './internal/schema'
import { openStorage } from './open-storage'
import { isStorageError } from './storage-error'
import { createTempStorage, newRun, type TempStorage } from './testing/temp-storage'

let t: TempStorage
beforeEach(() => {
  t = createTempStorage()
})
afterEach(() => t.cleanup())

describe('SqliteStorage runs', () => {
  it('creates the database with WAL, foreign keys and the current schema version', async () => {
    const db = new Database(t.databasePath, { readonly: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all()
    expect(tables).toEqual(['bench_locks', 'events', 'measurements_staging', 'results', 'runs'])
    db.close()
  })

  it('creates, starts and reads back a run with JSON parameters and config', async () => {
    const input = newRun({ id: newRun().id.toUpperCase() })
    const created = await t.storage.createRun(input)
    expect(created).toMatchObject({
      ...input,
      id: input.id.toLowerCase(),
      status: 'pending',
      completedAt: null,
      measurementCount: 0,
      parquetPath: null,
      pid: process.pid,
    })
    await t.storage.startRun(created.id)
    expect((await t.storage.getRun(created.id))?.status).toBe('running')
    expect(await t.storage.getRun('00000000-0000-4000-8000-000000000000')).toBeNull()
  })

  it('refuses a duplicate ID and a malformed one', async () => {
    const run = newRun()
    await t.storage.createRun(run)
    await expect(t.storage.createRun(run)).rejects.toThrowError(expect.objectContaining({ code: 'STORAGE_RUN_EXISTS' }))
    await expect(t.storage.createRun(newRun({ id: 'run-1' }))).rejects.toThrowError(
      expect.objectContaining({ code: 'STORAGE_BAD_RUN_ID' }),
    )
  })

  it('stores results and events in order', async () => {
    const { id } = await t.storage.createRun(newRun())
    await t.storage.addResults(id, [
      { parameter: 'tempco', value: 12.5, unit: 'ppm/°C', lowerLimit: -50, upperLimit: 50, passed: true },
      { parameter: 'v_out_25c', value: 3.31, unit: 'V', lowerLimit: null, upperLimit: null, passed: null },
      { parameter: 'dropout', value: 0.4, unit: 'V', lowerLimit: null, upperLimit: 0.3, passed: false },
    ])
    await t.storage.addEvent(id, { time: '2025-03-01T10:00:01.000Z', simTime: 0, level: 'info', message: 'started' })
    await t.storage.addEvent(id, { time: '2025-03-01T10:00:02.000Z', simTime: null, level: 'warn', message: 'slow' })
    expect((await t.storage.getResults(id)).map((r) => [r.parameter, r.lowerLimit, r.passed])).toEqual([
      ['tempco', -50, true],
      ['v_out_25c', null, null],
      ['dropout', null, false],
    ])
    expect(await t.storage.getEvents(id)).toEqual([
      { time: '2025-03-01T10:00:01.000Z', simTime: 0, level: 'info', message: 'started' },
      { time: '2025-03-01T10:00:02.000Z', simTime: null, level: 'warn', message: 'slow' },
    ])
  })

  it('rejects results, events and measurements for an unknown run', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000'
    const notFound = expect.objectContaining({ code: 'STORAGE_RUN_NOT_FOUND' })
    await expect(t.storage.addResults(unknown, [])).rejects.toThrowError(notFound)
    await expect(
      t.storage.addEvent(unknown, { time: 'x', simTime: null, level: 'info', message: 'm' }),
    ).rejects.toThrowError(notFound)
    await expect(t.storage.appendMeasurements(unknown, [sampleRow()])).rejects.toThrowError(notFound)
  })

  it('completes a run once; later appends and completions are refused', async () => {
    const { id } = await t.storage.createRun(newRun())
    await t.storage.startRun(id)
    const done = await t.storage.completeRun(id, {
      status: 'aborted',
      completedAt: '2025-03-01T11:00:00Z',
      statusReason: 'stopped by the operator',
    })
    expect(done).toMatchObject({
      status: 'aborted',
      completedAt: '2025-03-01T11:00:00.000Z',
      statusReason: 'stopped by the operator',
    })
    const ended = expect.objectContaining({ code: 'STORAGE_INVALID_STATE' })
    await expect(t.storage.completeRun(id, { status: 'passed', completedAt: '2025-03-01T11:00:00Z' })).rejects.toThrow(
      ended,
    )
    await expect(t.storage.appendMeasurements(id, [sampleRow()])).rejects.toThrowError(ended)
    await expect(t.storage.startRun(id)).rejects.toThrowError(ended)
  })

  it('migrates a version 1 database forward, keeping its runs', async () => {
    const dir = t.dir
    const databasePath = `${dir}/old.db`
    const old = new Database(databasePath)
    old.exec(MIGRATIONS[0]!.sql)
    old.pragma('user_version = 1')
    old.close()
    const storage = openStorage({ databasePath, measurementsDir: t.measurementsDir })
    const { id } = await storage.createRun(newRun())
    await storage.close()
    const db = new Database(databasePath, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs'")
      .pluck()
      .all()
    expect(indexes).toContain('runs_test_status_started_at')
    expect(db.prepare('SELECT count(*) FROM runs WHERE id = ?').pluck().get(id)).toBe(1)
    db.close()
  })

  it('reopens an existing database without migrating again and refuses a newer schema', async () => {
    const { id } = await t.storage.createRun(newRun())
    expect((await t.reopen().getRun(id))?.id).toBe(id)
    const db = new Database(t.databasePath)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    let caught: unknown
    try {
      openStorage({ databasePath: t.databasePath, measurementsDir: t.measurementsDir })
    } catch (error) {
      caught = error
    }
    expect(isStorageError(caught, 'STORAGE_SCHEMA_TOO_NEW')).toBe(true)
  })
})

function sampleRow() {
  return {
    timestamp: 0,
    simTime: 0,
    parameter: 'v_out',
    value: 1,
    unit: 'V',
    temperature: null,
    inputVoltage: null,
    loadCurrent: null,
  }
}
