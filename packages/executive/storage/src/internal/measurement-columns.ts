import type { MeasurementRow } from '../records'

/** Measurements held column by column (what the staging codec, Parquet and Arrow all want). */
export interface MeasurementColumns {
  length: number
  timestamp: Float64Array
  simTime: Float64Array
  value: Float64Array
  parameter: string[]
  unit: string[]
  temperature: (number | null)[]
  inputVoltage: (number | null)[]
  loadCurrent: (number | null)[]
}

export function emptyColumns(length: number): MeasurementColumns {
  return {
    length,
    timestamp: new Float64Array(length),
    simTime: new Float64Array(length),
    value: new Float64Array(length),
    parameter: new Array<string>(length),
    unit: new Array<string>(length),
    temperature: new Array<number | null>(length),
    inputVoltage: new Array<number | null>(length),
    loadCurrent: new Array<number | null>(length),
  }
}

export function columnsToRows(columns: MeasurementColumns): MeasurementRow[] {
  const rows = new Array<MeasurementRow>(columns.length)
  for (let i = 0; i < columns.length; i++) {
    rows[i] = {
      timestamp: columns.timestamp[i]!,
      simTime: columns.simTime[i]!,
      parameter: columns.parameter[i]!,
      value: columns.value[i]!,
      unit: columns.unit[i]!,
      temperature: columns.temperature[i]!,
      inputVoltage: columns.inputVoltage[i]!,
      loadCurrent: columns.loadCurrent[i]!,
    }
  }
  return rows
}

export function rowsToColumns(rows: readonly MeasurementRow[]): MeasurementColumns {
  const columns = emptyColumns(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    columns.timestamp[i] = row.timestamp
    columns.simTime[i] = row.simTime
    columns.value[i] = row.value
    columns.parameter[i] = row.parameter
    columns.unit[i] = row.unit
    columns.temperature[i] = row.temperature ?? null
    columns.inputVoltage[i] = row.inputVoltage ?? null
    columns.loadCurrent[i] = row.loadCurrent ?? null
  }
  return columns
}
