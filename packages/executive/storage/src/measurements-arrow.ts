import {
  Dictionary,
  Field,
  Float64,
  Int32,
  makeData,
  makeVector,
  RecordBatch,
  Schema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
} from 'apache-arrow'
import { type MeasurementColumns, rowsToColumns } from './internal/measurement-columns'
import type { MeasurementRow } from './records'

/**
 * The Arrow schema of a measurement series: snake_case columns as in `measurements.parquet` (without `run_id`),
 * `timestamp` in epoch milliseconds, `parameter` and `unit` dictionary-encoded.
 */
export const measurementsArrowSchema = new Schema([
  new Field('timestamp', new TimestampMillisecond('UTC'), false),
  new Field('sim_time', new Float64(), false),
  new Field('parameter', new Dictionary(new Utf8(), new Int32()), false),
  new Field('value', new Float64(), false),
  new Field('unit', new Dictionary(new Utf8(), new Int32()), false),
  new Field('temperature', new Float64(), true),
  new Field('input_voltage', new Float64(), true),
  new Field('load_current', new Float64(), true),
])

/** Builds the Arrow table of a run's measurements (the in-memory columnar form). */
export function measurementsToArrowTable(rows: readonly MeasurementRow[]): Table {
  return columnsToArrowTable(rowsToColumns(rows))
}

/** @internal Same as measurementsToArrowTable, from columns already decoded. */
export function columnsToArrowTable(c: MeasurementColumns): Table {
  const fields = measurementsArrowSchema.fields
  const children = [
    makeData({ type: fields[0]!.type, length: c.length, data: toBigInt64(c.timestamp) }),
    makeVector(c.simTime).data[0]!,
    vectorFromArray(c.parameter, fields[2]!.type).data[0]!,
    makeVector(c.value).data[0]!,
    vectorFromArray(c.unit, fields[4]!.type).data[0]!,
    vectorFromArray(c.temperature, new Float64()).data[0]!,
    vectorFromArray(c.inputVoltage, new Float64()).data[0]!,
    vectorFromArray(c.loadCurrent, new Float64()).data[0]!,
  ]
  const data = makeData({ type: new Struct(fields), length: c.length, nullCount: 0, children })
  return new Table(new RecordBatch(measurementsArrowSchema, data))
}

function toBigInt64(values: Float64Array): BigInt64Array {
  const out = new BigInt64Array(values.length)
  for (let i = 0; i < values.length; i++) out[i] = BigInt(Math.round(values[i]!))
  return out
}
