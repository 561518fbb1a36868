import type { EventLevel, EventRecord, NewRun, Provenance, ResultRecord, RunRecord, RunStatus } from '../records'

/** A `runs` row as better-sqlite3 or node-postgres returns it (PostgreSQL's BIGINT arrives as a string). */
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
  seed: number | string | null
  software_version: string
  status_reason: string | null
  measurement_count: number | string
  parquet_path: string | null
  pid: number | null
  hostname: string | null
  campaign_id: string | null
  provenance: string | null
}

export const RUN_COLUMNS =
  'id, test, status, started_at, completed_at, operator, dut_serial, station, description, parameters, config, seed, ' +
  'software_version, status_reason, measurement_count, parquet_path, pid, hostname, campaign_id, provenance'

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
    seed: row.seed === null ? null : Number(row.seed),
    softwareVersion: row.software_version,
    statusReason: row.status_reason,
    measurementCount: Number(row.measurement_count),
    parquetPath: row.parquet_path,
    pid: row.pid,
    hostname: row.hostname,
    campaignId: row.campaign_id,
    provenance: row.provenance === null ? null : (JSON.parse(row.provenance) as Provenance),
  }
}

export interface ResultRow {
  parameter: string
  value: number
  unit: string
  lower_limit: number | null
  upper_limit: number | null
  passed: 0 | 1 | boolean | null
  socket: number | null
}

export function toResultRecord(row: ResultRow): ResultRecord {
  return {
    parameter: row.parameter,
    value: row.value,
    unit: row.unit,
    lowerLimit: row.lower_limit,
    upperLimit: row.upper_limit,
    passed: row.passed === null ? null : row.passed === 1 || row.passed === true,
    socket: row.socket ?? null,
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

/** The record of a run created while the database was away (what `createRun` answers until it is written). */
export function provisionalRun(run: NewRun, id: string, host: string): RunRecord {
  return {
    id,
    test: run.test,
    status: 'pending',
    startedAt: run.startedAt,
    completedAt: null,
    operator: run.operator ?? null,
    dutSerial: run.dutSerial ?? null,
    station: run.station ?? null,
    description: run.description ?? null,
    parameters: run.parameters,
    config: run.config,
    seed: run.seed ?? null,
    softwareVersion: run.softwareVersion,
    statusReason: null,
    measurementCount: 0,
    parquetPath: null,
    pid: process.pid,
    hostname: host,
    campaignId: run.campaignId ?? null,
    provenance: run.provenance ?? null,
  }
}
