import type { EventLevel, EventRecord, ResultRecord, RunRecord, RunStatus } from '../records'

/** A `runs` row as better-sqlite3 returns it. */
export interface RunRow {
  id: string
  test: string
  status: RunStatus
  started_at: string
  completed_at: string | null
  operator: string | null
  dut_serial: string | null
  station: string | null
  description: string | null
  parameters: string
  config: string
  seed: number | null
  software_version: string
  status_reason: string | null
  measurement_count: number
  parquet_path: string | null
  pid: number | null
  hostname: string | null
}

export const RUN_COLUMNS =
  'id, test, status, started_at, completed_at, operator, dut_serial, station, description, parameters, config, seed, ' +
  'software_version, status_reason, measurement_count, parquet_path, pid, hostname'

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    test: row.test,
    status: row.status,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    operator: row.operator,
    dutSerial: row.dut_serial,
    station: row.station,
    description: row.description,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    config: JSON.parse(row.config) as unknown,
    seed: row.seed,
    softwareVersion: row.software_version,
    statusReason: row.status_reason,
    measurementCount: row.measurement_count,
    parquetPath: row.parquet_path,
    pid: row.pid,
    hostname: row.hostname,
  }
}

export interface ResultRow {
  parameter: string
  value: number
  unit: string
  lower_limit: number | null
  upper_limit: number | null
  passed: 0 | 1 | null
}

export function toResultRecord(row: ResultRow): ResultRecord {
  return {
    parameter: row.parameter,
    value: row.value,
    unit: row.unit,
    lowerLimit: row.lower_limit,
    upperLimit: row.upper_limit,
    passed: row.passed === null ? null : row.passed === 1,
  }
}

export interface EventRow {
  time: string
  sim_time: number | null
  level: EventLevel
  message: string
}

export function toEventRecord(row: EventRow): EventRecord {
  return { time: row.time, simTime: row.sim_time, level: row.level, message: row.message }
}
