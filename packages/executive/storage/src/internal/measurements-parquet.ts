import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parquetReadObjects, type SchemaElement } from 'hyparquet'
import { fileWriter, ParquetWriter } from 'hyparquet-writer'
import type { RunFileMeta } from './hive-path'
import type { MeasurementColumns } from './measurement-columns'
import { emptyColumns } from './measurement-columns'

/**
 * The file's columns, in order: the run's metadata (run_id, station, test, serial, campaign_id — the same in every
 * row, so one query spans every run of every station) and the readings (timestamp, sim_time, parameter, value, unit,
 * temperature, input_voltage, load_current).
 */
export const PARQUET_SCHEMA: SchemaElement[] = [
  { name: 'schema', num_children: 13 },
  { name: 'run_id', ...utf8() },
  { name: 'station', ...utf8('OPTIONAL') },
  { name: 'test', ...utf8() },
  { name: 'serial', ...utf8('OPTIONAL') },
  { name: 'campaign_id', ...utf8('OPTIONAL') },
  {
    name: 'timestamp',
    type: 'INT64',
    repetition_type: 'REQUIRED',
    converted_type: 'TIMESTAMP_MILLIS',
    logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
  },
  { name: 'sim_time', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  { name: 'parameter', ...utf8() },
  { name: 'value', type: 'DOUBLE', repetition_type: 'REQUIRED' },
  { name: 'unit', ...utf8() },
  { name: 'temperature', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  { name: 'input_voltage', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  { name: 'load_current', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
]

function utf8(repetition: 'REQUIRED' | 'OPTIONAL' = 'REQUIRED'): Omit<SchemaElement, 'name'> {
  return { type: 'BYTE_ARRAY', repetition_type: repetition, converted_type: 'UTF8', logical_type: { type: 'STRING' } }
}

/**
 * Writes a run's measurements to `path` atomically: chunks (each one row group) go to `<path>.tmp`, which is
 * fsynced and renamed over `path`. Zero chunks still make a valid, empty file. Returns the number of rows.
 */
export function writeMeasurementsParquet(
  path: string,
  meta: RunFileMeta,
  chunks: Iterable<MeasurementColumns>,
  createdBy: string,
): number {
  const tmp = `${path}.tmp`
  let rows = 0
  try {
    const writer = new ParquetWriter({ writer: fileWriter(tmp), schema: PARQUET_SCHEMA, codec: 'SNAPPY', createdBy })
    for (const chunk of chunks) {
      if (chunk.length === 0) continue
      writer.write({ columnData: columnData(meta, chunk), rowGroupSize: chunk.length })
      rows += chunk.length
    }
    writer.finish()
    fsyncPath(tmp)
    renameSync(tmp, path)
    fsyncPath(dirname(path))
  } catch (error) {
    rmSync(tmp, { force: true })
    throw error
  }
  return rows
}

function columnData(meta: RunFileMeta, c: MeasurementColumns) {
  const constant = (value: string | null) => new Array<string | null>(c.length).fill(value)
  return [
    // Statistics on a constant column and on units help no reader; they cost a byte-wise compare per row.
    { name: 'run_id', data: constant(meta.runId), statistics: false },
    { name: 'station', data: constant(meta.station), statistics: false },
    { name: 'test', data: constant(meta.test), statistics: false },
    { name: 'serial', data: constant(meta.serial), statistics: false },
    { name: 'campaign_id', data: constant(meta.campaignId), statistics: false },
    { name: 'timestamp', data: c.timestamp },
    { name: 'sim_time', data: c.simTime },
    { name: 'parameter', data: c.parameter, statistics: false },
    { name: 'value', data: c.value },
    { name: 'unit', data: c.unit, statistics: false },
    { name: 'temperature', data: c.temperature },
    { name: 'input_voltage', data: c.inputVoltage },
    { name: 'load_current', data: c.loadCurrent },
  ]
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Reads a measurements file back (with hyparquet, a different library from the writer). */
export async function readMeasurementsParquet(path: string): Promise<MeasurementColumns> {
  const buffer = await readFile(path)
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer
  const rows = await parquetReadObjects({
    file,
    columns: ['timestamp', 'sim_time', 'parameter', 'value', 'unit', 'temperature', 'input_voltage', 'load_current'],
  })
  const out = emptyColumns(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const timestamp = row.timestamp as Date | bigint | number
    out.timestamp[i] = timestamp instanceof Date ? timestamp.getTime() : Number(timestamp)
    out.simTime[i] = row.sim_time as number
    out.parameter[i] = row.parameter as string
    out.value[i] = row.value as number
    out.unit[i] = row.unit as string
    out.temperature[i] = (row.temperature as number | null | undefined) ?? null
    out.inputVoltage[i] = (row.input_voltage as number | null | undefined) ?? null
    out.loadCurrent[i] = (row.load_current as number | null | undefined) ?? null
  }
  return out
}
