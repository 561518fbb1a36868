import { existsSync, readFileSync } from 'node:fs'
import { DuckDBInstance } from '@duckdb/node-api'
import { tableFromIPC } from 'apache-arrow'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { runParquetPath } from '../../internal/hive-path'
import { newRun, sampleRows } from '../temp-storage'
import { type ContractSection, storePerTest } from './contract-store'

function fileBuffer(path: string): ArrayBuffer {
  const b = readFileSync(path)
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer
}

const COLUMNS = [
  ['run_id', 'BYTE_ARRAY', 'REQUIRED'],
  ['station', 'BYTE_ARRAY', 'OPTIONAL'],
  ['test', 'BYTE_ARRAY', 'REQUIRED'],
  ['serial', 'BYTE_ARRAY', 'OPTIONAL'],
  ['campaign_id', 'BYTE_ARRAY', 'OPTIONAL'],
  ['timestamp', 'INT64', 'REQUIRED'],
  ['sim_time', 'DOUBLE', 'REQUIRED'],
  ['parameter', 'BYTE_ARRAY', 'REQUIRED'],
  ['value', 'DOUBLE', 'REQUIRED'],
  ['unit', 'BYTE_ARRAY', 'REQUIRED'],
  ['temperature', 'DOUBLE', 'OPTIONAL'],
  ['input_voltage', 'DOUBLE', 'OPTIONAL'],
  ['load_current', 'DOUBLE', 'OPTIONAL'],
]

export const measurementsSection: ContractSection = {
  name: 'measurements: staging, Parquet, Arrow',
  define(backend) {
    const t = storePerTest(backend, { beforeEach, afterEach })
    async function startedRun(overrides = {}): Promise<string> {
      const { id } = await t().storage.createRun(newRun(overrides))
      await t().storage.startRun(id)
      return id
    }
    const completed = (id: string) =>
      t().storage.completeRun(id, { status: 'passed', completedAt: '2025-03-01T11:00:00Z' })

    it('makes appended rows visible to a second connection before the run ends', async () => {
      const id = await startedRun()
      const rows = sampleRows(250)
      await t().storage.appendMeasurements(id, rows.slice(0, 100))
      await t().storage.appendMeasurements(id, rows.slice(100))
      const other = await t().reopen()
      expect(await other.readMeasurements(id)).toEqual(rows)
      expect((await other.getRun(id))?.measurementCount).toBe(250)
      expect((await other.getRun(id))?.parquetPath).toBeNull()
    })

    it('keeps nulls, unicode units and float values exactly', async () => {
      const id = await startedRun()
      const rows = sampleRows(30).map((r, i) => ({ ...r, unit: i === 5 ? 'µV/°C' : r.unit, value: r.value / 3 }))
      await t().storage.appendMeasurements(id, rows)
      expect(await t().storage.readMeasurements(id)).toEqual(rows)
    })

    it('compacts into station=/test=/date=/run_<id>.parquet with the run metadata columns inside', async () => {
      const id = await startedRun({ station: 'lab/2 = east', campaignId: 'c-9' })
      const rows = sampleRows(1200)
      for (let k = 0; k < rows.length; k += 500) await t().storage.appendMeasurements(id, rows.slice(k, k + 500))
      const run = await completed(id)
      expect(run.parquetPath).toBe(
        runParquetPath(t().measurementsDir, { ...run, runId: id, serial: run.dutSerial, campaignId: 'c-9' }),
      )
      expect(run.parquetPath).toContain('/station=lab%2F2 %3D east/test=tempco/date=2025-03-01/')
      expect(run.measurementCount).toBe(1200)
      expect(existsSync(`${run.parquetPath}.tmp`)).toBe(false)
      const file = fileBuffer(run.parquetPath!)
      expect(
        parquetMetadata(file)
          .schema.slice(1)
          .map((s) => [s.name, s.type, s.repetition_type]),
      ).toEqual(COLUMNS)
      const read = await parquetReadObjects({ file })
      expect(read).toHaveLength(1200)
      const r = rows[77]!
      expect(read[77]).toEqual({
        run_id: id,
        station: 'lab/2 = east',
        test: 'tempco',
        serial: 'LDO-0001',
        campaign_id: 'c-9',
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
      expect(await t().storage.readMeasurements(id)).toEqual(rows)
      expect(await (await t().reopen()).readMeasurements(id)).toEqual(rows)
    })

    it('is one dataset for DuckDB: hive partitions and the columns inside agree', async () => {
      const a = await startedRun({ station: 'east' })
      const b = await startedRun({ station: 'west', test: 'dropout', startedAt: '2025-03-02T23:59:00Z' })
      await t().storage.appendMeasurements(a, sampleRows(300))
      await t().storage.appendMeasurements(b, sampleRows(40))
      await completed(a)
      await completed(b)
      const duck = await DuckDBInstance.create(':memory:')
      const conn = await duck.connect()
      try {
        const reader = await conn.runAndReadAll(
          `SELECT station, test, date::VARCHAR AS date, count(*)::INTEGER AS n, count(DISTINCT run_id)::INTEGER AS runs
           FROM read_parquet('${t().measurementsDir}/**/*.parquet', hive_partitioning = true)
           GROUP BY ALL ORDER BY station`,
        )
        expect(reader.getRowObjectsJS()).toEqual([
          { station: 'east', test: 'tempco', date: '2025-03-01', n: 300, runs: 1 },
          { station: 'west', test: 'dropout', date: '2025-03-02', n: 40, runs: 1 },
        ])
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
      expect(await t().storage.readMeasurements(run.id)).toEqual([])
    })

    it('splits long runs into row groups of 100 000 rows', async () => {
      const id = await startedRun()
      for (let k = 0; k < 250_000; k += 10_000) await t().storage.appendMeasurements(id, sampleRows(10_000, k))
      const run = await completed(id)
      const meta = parquetMetadata(fileBuffer(run.parquetPath!))
      expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([100_000, 100_000, 50_000])
      const back = await t().storage.readMeasurements(id)
      expect(back).toHaveLength(250_000)
      expect(back[249_999]).toEqual(sampleRows(1, 249_999)[0])
    })

    it('serves a run as an Arrow IPC stream, staged and compacted', async () => {
      const id = await startedRun()
      const rows = sampleRows(40)
      await t().storage.appendMeasurements(id, rows)
      for (const phase of ['staged', 'compacted']) {
        if (phase === 'compacted') await completed(id)
        const table = tableFromIPC(await t().storage.readMeasurementsArrow(id))
        expect(table.numRows).toBe(40)
        const r = rows[14]!
        expect(table.get(14)!.toJSON()).toEqual({
          timestamp: r.timestamp,
          sim_time: r.simTime,
          parameter: r.parameter,
          value: r.value,
          unit: r.unit,
          temperature: r.temperature,
          input_voltage: r.inputVoltage,
          load_current: null,
        })
      }
    })
  },
}
