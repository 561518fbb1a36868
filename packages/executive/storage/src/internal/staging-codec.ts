import type { MeasurementRow } from '../records'
import { emptyColumns, type MeasurementColumns } from './measurement-columns'

/*
 * A staged batch is one BLOB, little-endian, columnar:
 *   u32 format (1) | u32 n | u32 dictionary byte length | dictionary (UTF-8 JSON array of strings) | pad to 8
 *   f64[n] timestamp | f64[n] sim_time | f64[n] value | f64[n] temperature | f64[n] input_voltage | f64[n] load_current
 *   u32[n] parameter (dictionary index) | u32[n] unit (dictionary index) | u8[n] null mask (1 temperature, 2 input
 *   voltage, 4 load current)
 * One row per batch keeps appends at one INSERT and compaction at a few memcpy-like loops per batch.
 */
const FORMAT = 1
const HEADER_BYTES = 12
const NULL_TEMPERATURE = 1
const NULL_INPUT_VOLTAGE = 2
const NULL_LOAD_CURRENT = 4

const encoder = new TextEncoder()
const decoder = new TextDecoder()

function align8(n: number): number {
  return (n + 7) & ~7
}

/** Encodes rows as one staging blob. */
export function encodeBatch(rows: readonly MeasurementRow[]): Uint8Array {
  const n = rows.length
  const dictionary = new Map<string, number>()
  const indexOf = (s: string): number => {
    let i = dictionary.get(s)
    if (i === undefined) {
      i = dictionary.size
      dictionary.set(s, i)
    }
    return i
  }
  const parameterIdx = new Uint32Array(n)
  const unitIdx = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const row = rows[i]!
    parameterIdx[i] = indexOf(row.parameter)
    unitIdx[i] = indexOf(row.unit)
  }
  const dictBytes = encoder.encode(JSON.stringify([...dictionary.keys()]))
  const floatsAt = align8(HEADER_BYTES + dictBytes.length)
  const total = floatsAt + n * (6 * 8 + 2 * 4 + 1)
  const bytes = new Uint8Array(total)
  const view = new DataView(bytes.buffer)
  view.setUint32(0, FORMAT, true)
  view.setUint32(4, n, true)
  view.setUint32(8, dictBytes.length, true)
  bytes.set(dictBytes, HEADER_BYTES)
  const floats = new Float64Array(bytes.buffer, floatsAt, n * 6)
  const mask = new Uint8Array(bytes.buffer, floatsAt + n * 56, n)
  for (let i = 0; i < n; i++) {
    const row = rows[i]!
    floats[i] = row.timestamp
    floats[n + i] = row.simTime
    floats[2 * n + i] = row.value
    let nulls = 0
    if (row.temperature == null) nulls |= NULL_TEMPERATURE
    else floats[3 * n + i] = row.temperature
    if (row.inputVoltage == null) nulls |= NULL_INPUT_VOLTAGE
    else floats[4 * n + i] = row.inputVoltage
    if (row.loadCurrent == null) nulls |= NULL_LOAD_CURRENT
    else floats[5 * n + i] = row.loadCurrent
    mask[i] = nulls
  }
  new Uint32Array(bytes.buffer, floatsAt + n * 48, n).set(parameterIdx)
  new Uint32Array(bytes.buffer, floatsAt + n * 52, n).set(unitIdx)
  return bytes
}

/** Decodes one staging blob into `out` starting at row `at`; returns the number of rows. */
export function decodeBatchInto(blob: Uint8Array, out: MeasurementColumns, at: number): number {
  // Copy so the typed-array views below are 8-byte aligned whatever the driver's buffer offset (a new Uint8Array:
  // a Node Buffer's slice() would be a view on the same memory).
  const bytes = blob.byteOffset % 8 === 0 ? blob : new Uint8Array(blob)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== FORMAT) throw new Error(`unknown staging batch format ${view.getUint32(0, true)}`)
  const n = view.getUint32(4, true)
  const dictLength = view.getUint32(8, true)
  const dictionary = JSON.parse(decoder.decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + dictLength))) as string[]
  const base = bytes.byteOffset + align8(HEADER_BYTES + dictLength)
  const floats = new Float64Array(bytes.buffer, base, n * 6)
  const parameterIdx = new Uint32Array(bytes.buffer, base + n * 48, n)
  const unitIdx = new Uint32Array(bytes.buffer, base + n * 52, n)
  const mask = new Uint8Array(bytes.buffer, base + n * 56, n)
  out.timestamp.set(floats.subarray(0, n), at)
  out.simTime.set(floats.subarray(n, 2 * n), at)
  out.value.set(floats.subarray(2 * n, 3 * n), at)
  for (let i = 0; i < n; i++) {
    const nulls = mask[i]!
    out.parameter[at + i] = dictionary[parameterIdx[i]!]!
    out.unit[at + i] = dictionary[unitIdx[i]!]!
    out.temperature[at + i] = nulls & NULL_TEMPERATURE ? null : floats[3 * n + i]!
    out.inputVoltage[at + i] = nulls & NULL_INPUT_VOLTAGE ? null : floats[4 * n + i]!
    out.loadCurrent[at + i] = nulls & NULL_LOAD_CURRENT ? null : floats[5 * n + i]!
  }
  return n
}

/** Decodes a sequence of staged batches (with their row counts) into one set of columns. */
export function decodeBatches(batches: readonly { rowCount: number; batch: Uint8Array }[]): MeasurementColumns {
  const total = batches.reduce((n, b) => n + b.rowCount, 0)
  const out = emptyColumns(total)
  let at = 0
  for (const b of batches) at += decodeBatchInto(b.batch, out, at)
  return out
}
