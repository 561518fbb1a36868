import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { tableFromIPC } from 'apache-arrow'
import Database from 'better-sqlite3'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { measurementsToArrowTable } from './measurements-arrow'
import { createTempStorage, newRun, sampleRows, type TempStorage } from './testing/temp-storage'

let t: TempStorage
beforeEach(() => {
  t = createTempStorage()
})
afterEach(() => t.cleanup())

async function startedRun(): Promise<string> {
  const { id } = await t.storage.createRun(newRun())
  await t.storage.startRun(id)
  return id
}

function fileBuffer(path: string): ArrayBuffer {
  const b = readFileSync(path)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}

async function completed(id: string) {
  return await t.storage.completeRun(id, { status: 'passed', completedAt: '2025-03-01T11:00:00Z' })
}

describe('measurement staging', () => {
  it('makes appended rows visible to a second connection before the run ends', async () => {
    const id = await startedRun()
    const rows = sampleRows(250)
    await t.storage.appendMeasurements(id, rows.slice(0, 100))
    await t.storage.appendMeasurements(id, rows.slice(100))
    const other = t.reopen()
    expect(await other.readMeasurements(id)).toEqual(rows)
    expect((await other.getRun(id))?.measurementCount).toBe(250)
    expect((await other.getRun(id))?.parquetPath).toBeNull()
  })

  it('keeps nulls, unicode units and float values exactly', async () => {
    const id = await startedRun()
    const rows = sampleRows(30).map((r, i) => ({ ...r, unit: i === 5 ? 'µV/°C' : r.unit, value: r.value / 3 }))
    await t.storage.appendMeasurements(id, rows)
    expect(await t.storage.readMeasurements(id)).toEqual(rows)
  })
})

describe('compaction to Parquet', () => {
  it('writes run_<id>/measurements.parquet with the specified columns and empties the staging table', async () => {
    const id = await startedRun()
    const rows = sampleRows(1200)
    for (let k = 0; k < rows.length; k += 500) await t.storage.appendMeasurements(id, rows.slice(k, k + 500))
    const run = await completed(id)
    expect(run.parquetPath).toBe(join(t.measurementsDir, `run_${id}`, 'measurements.parquet'))
    expect(run.measurementCount).toBe(1200)
    expect(existsSync(`${run.parquetPath}.tmp`)).toBe(false)

    const file = fileBuffer(run.parquetPath!)
    const meta = parquetMetadata(file)
    expect(meta.schema.slice(1).map((s) => [s.name, s.type, s.repetition_type])).toEqual([
      ['run_id', 'BYTE_ARRAY', 'REQUIRED'],
      ['timestamp', 'INT64', 'REQUIRED'],
      ['sim_time', 'DOUBLE', 'REQUIRED'],
      ['parameter', 'BYTE_ARRAY', 'REQUIRED'],
      ['value', 'DOUBLE', 'REQUIRED'],
      ['unit', 'BYTE_ARRAY', 'REQUIRED'],
      ['temperature', 'DOUBLE', 'OPTIONAL'],
      ['input_voltage', 'DOUBLE', 'OPTIONAL'],
      ['load_current', 'DOUBLE', 'OPTIONAL'],
    ])
    const read = await parquetReadObjects({ file })
    expect(read).toHaveLength(1200)
    const r = rows[77]!
    expect(read[77]).toEqual({
      run_id: id,
      timestamp: new Date(r.timestamp),
      sim_time: r.simTime,
      parameter: r.parameter,
      value: r.value,
      unit: r.unit,
      temperature: r.temperature,
      input_voltage: null,
      load_current: null,
    })
    expect(read.map((x) => x.value)).toEqual(rows.map((x) => x.value))
    // After compaction the store reads the file back and the staging rows are gone.
    expect(await t.storage.readMeasurements(id)).toEqual(rows)
    const db = new Database(t.databasePath, { readonly: true })
    expect(db.prepare('SELECT count(*) FROM measurements_staging').pluck().get()).toBe(0)
    db.close()
  })

  it('is read by DuckDB with a timestamp column and the same values', async () => {
    const id = await startedRun()
    const rows = sampleRows(300)
    await t.storage.appendMeasurements(id, rows)
    const { parquetPath } = await completed(id)
    const duck = await DuckDBInstance.create(':memory:')
    const conn = await duck.connect()
    try {
      const types = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquetPath}')`)
      const described = types.getRowObjectsJS().map((row) => [row.column_name, row.column_type])
      expect(described).toEqual([
        ['run_id', 'VARCHAR'],
        ['timestamp', 'TIMESTAMP WITH TIME ZONE'],
        ['sim_time', 'DOUBLE'],
        ['parameter', 'VARCHAR'],
        ['value', 'DOUBLE'],
        ['unit', 'VARCHAR'],
        ['temperature', 'DOUBLE'],
        ['input_voltage', 'DOUBLE'],
        ['load_current', 'DOUBLE'],
      ])
      const summary = await conn.runAndReadAll(
        `SELECT count(*)::INTEGER AS n, epoch_ms(min(timestamp))::DOUBLE AS first_ms, sum(value) AS total,
           count(load_current)::INTEGER AS with_load, count(DISTINCT run_id)::INTEGER AS runs
         FROM read_parquet('${parquetPath}')`,
      )
      const [s] = summary.getRowObjectsJS()
      expect(s).toMatchObject({
        n: 300,
        first_ms: rows[0]!.timestamp,
        with_load: rows.filter((r) => r.loadCurrent !== null).length,
        runs: 1,
      })
      expect(s!.total).toBeCloseTo(
        rows.reduce((sum, r) => sum + r.value, 0),
        9,
      )
    } finally {
      conn.closeSync()
      duck.closeSync()
    }
  })

  it('writes a valid empty file for a run without measurements', async () => {
    const run = await completed(await startedRun())
    expect(run.measurementCount).toBe(0)
    const file = fileBuffer(run.parquetPath!)
    expect(parquetMetadata(file).num_rows).toBe(0n)
    expect(await parquetReadObjects({ file })).toEqual([])
    expect(await t.storage.readMeasurements(run.id)).toEqual([])
  })

  it('splits long runs into row groups of 100 000 rows', async () => {
    const id = await startedRun()
    for (let k = 0; k < 250_000; k += 10_000) await t.storage.appendMeasurements(id, sampleRows(10_000, k))
    const run = await completed(id)
    const meta = parquetMetadata(fileBuffer(run.parquetPath!))
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([100_000, 100_000, 50_000])
    const back = await t.storage.readMeasurements(id)
    expect(back).toHaveLength(250_000)
    expect(back[249_999]).toEqual(sampleRows(1, 249_999)[0])
  })
})

describe('Arrow', () => {
  it('round-trips a run as an Arrow IPC stream', async () => {
    const id = await startedRun()
    const rows = sampleRows(40)
    await t.storage.appendMeasurements(id, rows)
    for (const phase of ['staged', 'compacted']) {
      if (phase === 'compacted') await completed(id)
      const table = tableFromIPC(await t.storage.readMeasurementsArrow(id))
      expect(table.numRows).toBe(40)
      expect(table.schema.fields.map((f) => f.name)).toEqual([
        'timestamp',
        'sim_time',
        'parameter',
        'value',
        'unit',
        'temperature',
        'input_voltage',
        'load_current',
      ])
      const row = table.get(14)!.toJSON()
      const r = rows[14]!
      expect(row).toEqual({
        timestamp: r.timestamp,
        sim_time: r.simTime,
        parameter: r.parameter,
        value: r.value,
        unit: r.unit,
        temperature: r.temperature,
        input_voltage: r.inputVoltage,
        load_current: null,
      })
      expect(table.getChild('input_voltage')!.get(0)).toBeNull()
    }
  })

  it('builds an empty table from no rows', async () => {
    const table = measurementsToArrowTable([])
    expect(table.numRows).toBe(0)
    expect(table.numCols).toBe(8)
  })
})
