import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import Database from 'better-sqlite3'
import { parquetReadObjects } from 'hyparquet'
import { fileWriter, ParquetWriter } from 'hyparquet-writer'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { rowsToColumns } from './internal/measurement-columns'
import { PARQUET_SCHEMA } from './internal/measurements-parquet'
import { MIGRATIONS, SCHEMA_VERSION } from './internal/schema'
import { openStorage, openStorageBackend } from './open-storage'
import type { MeasurementRow } from './records'
import { isStorageError } from './storage-error'
import { createTempStorage, newRun, sampleRows, type TempStorage } from './testing/temp-storage'

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
    expect(tables).toEqual([
      'bench_locks',
      'campaign_duts',
      'campaign_points',
      'campaign_results',
      'campaigns',
      'events',
      'legacy_parquet',
      'measurements_staging',
      'results',
      'run_count',
      'run_feed',
      'runs',
      'sqlite_sequence',
    ])
    db.close()
  })

  it('migrates a version 1 database forward, keeping its runs', async () => {
    const dir = t.dir
    const databasePath = `${dir}/old.db`
    const old = new Database(databasePath)
    old.exec(MIGRATIONS[0]!.sqlite)
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
    expect((caught as Error).message).toBe(
      `the database ${t.databasePath} has schema version ${SCHEMA_VERSION + 1}, newer than this dvt (${SCHEMA_VERSION}) — upgrade dvt or use another data.database_path`,
    )
  })

  it('upgrades a database of schema version 3 in place: its results kept, each with socket null', async () => {
    const databasePath = join(t.dir, 'v3.db')
    const old = new Database(databasePath)
    for (const m of MIGRATIONS.slice(0, 3)) old.exec(m.sqlite)
    old.pragma('user_version = 3')
    const id = randomUUID()
    old
      .prepare(
        `INSERT INTO runs (id, test, status, started_at, parameters, config, software_version)
         VALUES (?, 'tempco', 'passed', '2026-11-30T07:08:09.000Z', '{}', '{}', '0.1.0')`,
      )
      .run(id)
    old
      .prepare(
        `INSERT INTO results (run_id, parameter, value, unit, lower_limit, upper_limit, passed)
         VALUES (?, 'tempco_ppm_per_c', 49.8, 'ppm/°C', -100, 100, 1), (?, 'fit_residual_uv', 3.5, 'µV', NULL, NULL, NULL)`,
      )
      .run(id, id)
    old.close()
    const storage = openStorage({ databasePath, measurementsDir: t.measurementsDir })
    expect(await storage.getResults(id)).toEqual([
      {
        parameter: 'tempco_ppm_per_c',
        value: 49.8,
        unit: 'ppm/°C',
        lowerLimit: -100,
        upperLimit: 100,
        passed: true,
        socket: null,
      },
      {
        parameter: 'fit_residual_uv',
        value: 3.5,
        unit: 'µV',
        lowerLimit: null,
        upperLimit: null,
        passed: null,
        socket: null,
      },
    ])
    await storage.close()
    const db = new Database(databasePath, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    db.close()
  })

  it('upgrades a dvt.db of the previous release in place: runs kept, counted, Parquet moved into the dataset', async () => {
    const databasePath = join(t.dir, 'old', 'dvt.db')
    mkdirSync(join(t.dir, 'old'))
    const old = new Database(databasePath)
    for (const m of MIGRATIONS.slice(0, 2)) old.exec(m.sqlite)
    old.pragma('user_version = 2')
    const id = randomUUID()
    const legacyPath = join(t.measurementsDir, `run_${id}`, 'measurements.parquet')
    old
      .prepare(
        `INSERT INTO runs (id, test, status, started_at, completed_at, station, dut_serial, parameters, config,
           software_version, measurement_count, parquet_path)
         VALUES (?, 'tempco', 'passed', '2025-05-06T07:08:09.000Z', '2025-05-06T08:00:00.000Z', 'bench-9', 'SN-1', '{}',
           '{}', '0.1.0', 20, ?)`,
      )
      .run(id, legacyPath)
    old.close()
    writeLegacyParquet(legacyPath, id, sampleRows(20))

    const storage = await openStorageBackend({ databasePath, measurementsDir: t.measurementsDir })
    const run = await storage.getRun(id)
    expect(run?.parquetPath).toBe(
      join(t.measurementsDir, 'station=bench-9', 'test=tempco', 'date=2025-05-06', `run_${id}.parquet`),
    )
    expect(existsSync(legacyPath)).toBe(false)
    expect(existsSync(join(t.measurementsDir, `run_${id}`))).toBe(false)
    expect(await storage.readMeasurements(id)).toEqual(sampleRows(20))
    const file = readFileSync(run!.parquetPath!)
    const rows = await parquetReadObjects({ file: file.buffer.slice(file.byteOffset, file.byteOffset + file.length) })
    expect(rows[0]).toMatchObject({ run_id: id, station: 'bench-9', test: 'tempco', serial: 'SN-1', campaign_id: null })
    expect((await storage.listRuns()).total).toBe(1)
    await storage.createRun(newRun())
    expect((await storage.listRuns()).total).toBe(2)
    await storage.close()
    const db = new Database(databasePath, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    db.close()
  })
})

/** A file as the previous release wrote it: run_<id>/measurements.parquet, nine columns, no run metadata. */
function writeLegacyParquet(path: string, runId: string, rows: MeasurementRow[]): void {
  mkdirSync(dirname(path), { recursive: true })
  const schema = [{ name: 'schema', num_children: 9 }, ...PARQUET_SCHEMA.filter((c) => LEGACY.includes(c.name))]
  const writer = new ParquetWriter({ writer: fileWriter(path), schema })
  const c = rowsToColumns(rows)
  writer.write({
    columnData: [
      { name: 'run_id', data: rows.map(() => runId) },
      { name: 'timestamp', data: c.timestamp },
      { name: 'sim_time', data: c.simTime },
      { name: 'parameter', data: c.parameter },
      { name: 'value', data: c.value },
      { name: 'unit', data: c.unit },
      { name: 'temperature', data: c.temperature },
      { name: 'input_voltage', data: c.inputVoltage },
      { name: 'load_current', data: c.loadCurrent },
    ],
  })
  writer.finish()
}

const LEGACY = [
  'run_id',
  'timestamp',
  'sim_time',
  'parameter',
  'value',
  'unit',
  'temperature',
  'input_voltage',
  'load_current',
]
