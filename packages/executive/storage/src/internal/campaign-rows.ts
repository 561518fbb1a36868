import type {
  CampaignDut,
  CampaignPoint,
  CampaignPointStatus,
  CampaignProgress,
  CampaignRecord,
  CampaignResult,
  CampaignStatus,
  DutVerdict,
} from '../records'

/** A `campaigns` row as either driver returns it. */
export interface CampaignRow {
  id: string
  name: string
  status: CampaignStatus
  status_reason: string | null
  started_at: string
  completed_at: string | null
  station: string | null
  operator: string | null
  plan_path: string | null
  plan_text: string
  plan: string
  lot_name: string
  lot_size: number | string
  sockets: number | string
  temperatures_c: string
  min_yield: number | null
  yield: number | null
  progress: string
  sim_seconds: number
  software_version: string
  pid: number | null
  hostname: string | null
}

export const CAMPAIGN_COLUMNS =
  'id, name, status, status_reason, started_at, completed_at, station, operator, plan_path, plan_text, plan, ' +
  'lot_name, lot_size, sockets, temperatures_c, min_yield, yield, progress, sim_seconds, software_version, pid, hostname'

export function toCampaignRecord(row: CampaignRow): CampaignRecord {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    statusReason: row.status_reason,
    startedAt: row.started_at,
    completedAt: row.completed_at,
    station: row.station,
    operator: row.operator,
    planPath: row.plan_path,
    planText: row.plan_text,
    plan: JSON.parse(row.plan) as unknown,
    lotName: row.lot_name,
    lotSize: Number(row.lot_size),
    sockets: Number(row.sockets),
    temperaturesC: JSON.parse(row.temperatures_c) as number[],
    minYield: row.min_yield === null ? null : Number(row.min_yield),
    yield: row.yield === null ? null : Number(row.yield),
    progress: JSON.parse(row.progress) as CampaignProgress,
    simulatedSeconds: Number(row.sim_seconds),
    softwareVersion: row.software_version,
    pid: row.pid === null ? null : Number(row.pid),
    hostname: row.hostname,
  }
}

export interface DutRow {
  campaign_id: string
  lot_index: number | string
  serial: string
  board: number | string
  socket: number | string
  verdict: DutVerdict | null
  truth: string | null
}

export function toCampaignDut(row: DutRow): CampaignDut {
  return {
    campaignId: row.campaign_id,
    lotIndex: Number(row.lot_index),
    serial: row.serial,
    board: Number(row.board),
    socket: Number(row.socket),
    verdict: row.verdict,
    truth: row.truth === null ? null : (JSON.parse(row.truth) as Record<string, number>),
  }
}

export interface PointRow {
  campaign_id: string
  ordinal: number | string
  temperature_index: number | string
  board: number | string
  step_index: number | string
  sweep_index: number | string
  temperature_c: number
  test: string
  parameters: string
  status: CampaignPointStatus
  run_id: string | null
  attempts: number | string
}

export function toCampaignPoint(row: PointRow): CampaignPoint {
  return {
    campaignId: row.campaign_id,
    ordinal: Number(row.ordinal),
    temperatureIndex: Number(row.temperature_index),
    board: Number(row.board),
    stepIndex: Number(row.step_index),
    sweepIndex: Number(row.sweep_index),
    temperatureC: Number(row.temperature_c),
    test: row.test,
    parameters: JSON.parse(row.parameters) as Record<string, unknown>,
    status: row.status,
    runId: row.run_id,
    attempts: Number(row.attempts),
  }
}

export interface CampaignResultRow {
  campaign_id: string
  serial: string
  socket: number | string
  test: string
  conditions: string
  parameter: string
  value: number
  unit: string
  lower_limit: number | null
  upper_limit: number | null
  passed: 0 | 1 | boolean | null
  run_id: string | null
  truth: number | null
}

export function toCampaignResult(row: CampaignResultRow): CampaignResult {
  return {
    campaignId: row.campaign_id,
    serial: row.serial,
    socket: Number(row.socket),
    test: row.test,
    conditions: JSON.parse(row.conditions) as Record<string, number | string>,
    parameter: row.parameter,
    value: Number(row.value),
    unit: row.unit,
    lowerLimit: row.lower_limit === null ? null : Number(row.lower_limit),
    upperLimit: row.upper_limit === null ? null : Number(row.upper_limit),
    passed: row.passed === null ? null : row.passed === 1 || row.passed === true,
    runId: row.run_id,
    truth: row.truth === null ? null : Number(row.truth),
  }
}

/** Conditions as stored: keys sorted, so one condition set is one text (derived results are replaced by it). */
export function conditionsText(conditions: Record<string, number | string>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(conditions).sort(([a], [b]) => (a < b ? -1 : 1))))
}
