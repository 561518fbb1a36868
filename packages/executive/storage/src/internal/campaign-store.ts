import type {
  CampaignDut,
  CampaignPage,
  CampaignPatch,
  CampaignPoint,
  CampaignPointKey,
  CampaignProgress,
  CampaignQuery,
  CampaignRecord,
  CampaignResult,
  DutVerdict,
  FinalCampaignPointStatus,
  NewCampaign,
  NewCampaignDut,
  NewCampaignPoint,
  NewCampaignResult,
} from '../records'
import { CAMPAIGN_POINT_STATUSES, isRunStatus, RUN_STATUSES } from '../records'

const FINAL_POINT_STATUSES: readonly string[] = CAMPAIGN_POINT_STATUSES.filter(
  (s) => s !== 'pending' && s !== 'running',
)

import type { CampaignStorage } from '../storage-backend'
import { StorageError } from '../storage-error'
import {
  CAMPAIGN_COLUMNS,
  type CampaignResultRow,
  type CampaignRow,
  conditionsText,
  type DutRow,
  type PointRow,
  toCampaignDut,
  toCampaignPoint,
  toCampaignRecord,
  toCampaignResult,
} from './campaign-rows'
import { isProcessAlive } from './process-alive'
import { ambiguous, CAMPAIGN_IDS, normaliseFullId, normaliseIdOrPrefix, notFound, prefixUpperBound } from './run-id'
import { checkCount, DEFAULT_LIMIT, MAX_LIMIT, toIso } from './run-query-sql'

/** One statement with `?` placeholders; a backend numbers them as its driver wants. */
export interface SqlStatement {
  sql: string
  params: readonly unknown[]
  /** The error to throw when the statement changes no row (the transaction is rolled back). */
  mustChange?: () => StorageError
}

/** What the campaign store needs of a database: reads, and a list of writes done as one transaction. */
export interface CampaignDb {
  /** `LIKE` on SQLite (ASCII case-insensitive), `ILIKE` on PostgreSQL. */
  readonly like: 'LIKE' | 'ILIKE'
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** Runs the statements in order in one transaction. */
  transaction(statements: readonly SqlStatement[]): Promise<void>
  /** Maps a driver's unique-violation error to true. */
  isUniqueViolation(error: unknown): boolean
}

const NO_PROGRESS: CampaignProgress = { pointsDone: 0, pointsTotal: 0, dutsDone: 0, current: null }

const POINT_KEY = 'campaign_id = ? AND temperature_index = ? AND board = ? AND step_index = ? AND sweep_index = ?'
const keyParams = (id: string, k: CampaignPointKey) => [id, k.temperatureIndex, k.board, k.stepIndex, k.sweepIndex]

const RESULT_COLUMNS =
  'campaign_id, serial, socket, test, conditions, parameter, value, unit, lower_limit, upper_limit, passed, run_id, truth'

/** Campaign storage (`CampaignStorage`) over either backend's database: one implementation, one set of rules. */
export class CampaignStore implements CampaignStorage {
  readonly #db: CampaignDb
  readonly #host: string

  constructor(db: CampaignDb, host: string) {
    this.#db = db
    this.#host = host
  }

  async createCampaign(c: NewCampaign): Promise<CampaignRecord> {
    const id = normaliseFullId(c.id, CAMPAIGN_IDS)
    const sql = `INSERT INTO campaigns (id, name, status, started_at, station, operator, plan_path, plan_text, plan,
        lot_name, lot_size, sockets, temperatures_c, min_yield, progress, software_version, pid, hostname)
      VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    const params = [
      id,
      c.name,
      toIso(c.startedAt, 'startedAt'),
      c.station ?? null,
      c.operator ?? null,
      c.planPath ?? null,
      c.planText,
      JSON.stringify(c.plan ?? null),
      c.lotName,
      c.lotSize,
      c.sockets,
      JSON.stringify(c.temperaturesC),
      c.minYield ?? null,
      JSON.stringify(NO_PROGRESS),
      c.softwareVersion,
      process.pid,
      this.#host,
    ]
    try {
      await this.#db.transaction([{ sql, params }])
    } catch (error) {
      if (this.#db.isUniqueViolation(error)) {
        throw new StorageError('STORAGE_CAMPAIGN_EXISTS', `a campaign with ID ${id} already exists — use a new UUID`, {
          cause: error,
        })
      }
      throw error
    }
    return this.#require(id)
  }

  async getCampaign(id: string): Promise<CampaignRecord | null> {
    const rows = await this.#db.all<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE id = ?`, [
      id.trim().toLowerCase(),
    ])
    return rows[0] ? toCampaignRecord(rows[0]) : null
  }

  async resolveCampaignId(idOrPrefix: string): Promise<string> {
    const { id, full } = normaliseIdOrPrefix(idOrPrefix, CAMPAIGN_IDS)
    const rows = full
      ? await this.#db.all<{ id: string }>('SELECT id FROM campaigns WHERE id = ?', [id])
      : await this.#db.all<{ id: string }>('SELECT id FROM campaigns WHERE id >= ? AND id < ? ORDER BY id LIMIT 6', [
          id,
          prefixUpperBound(id),
        ])
    if (rows.length === 0) throw notFound(idOrPrefix, CAMPAIGN_IDS)
    if (rows.length > 1) {
      const ids = rows.slice(0, 5).map((r) => r.id)
      throw ambiguous(idOrPrefix, ids, rows.length > 5, CAMPAIGN_IDS)
    }
    return rows[0]!.id
  }

  async listCampaigns(query: CampaignQuery = {}): Promise<CampaignPage> {
    const clauses: string[] = []
    const params: unknown[] = []
    if (query.status !== undefined) {
      if (!isRunStatus(query.status)) {
        throw invalid(`unknown campaign status "${query.status}" — use one of ${RUN_STATUSES.join(', ')}`)
      }
      clauses.push('status = ?')
      params.push(query.status)
    }
    if (query.station !== undefined) {
      clauses.push('station = ?')
      params.push(query.station)
    }
    const search = query.search?.trim()
    if (search) {
      const pattern = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
      const columns = ['id', 'name', 'lot_name']
      clauses.push(`(${columns.map((col) => `${col} ${this.#db.like} ? ESCAPE '\\'`).join(' OR ')})`)
      for (const _ of columns) params.push(pattern)
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : ''
    const limit = checkCount(query.limit ?? DEFAULT_LIMIT, 'limit', 1, MAX_LIMIT)
    const offset = checkCount(query.offset ?? 0, 'offset', 0, Number.MAX_SAFE_INTEGER)
    const rows = await this.#db.all<CampaignRow>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns ${where} ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    )
    const campaigns = rows.map(toCampaignRecord)
    if (offset === 0 && campaigns.length < limit) return { campaigns, total: campaigns.length }
    const [total] = await this.#db.all<{ n: number | string }>(`SELECT count(*) AS n FROM campaigns ${where}`, params)
    return { campaigns, total: Number(total?.n ?? 0) }
  }

  async updateCampaign(id: string, patch: CampaignPatch): Promise<CampaignRecord> {
    const sets: string[] = []
    const params: unknown[] = []
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`)
      params.push(value)
    }
    if (patch.status !== undefined) {
      if (!isRunStatus(patch.status)) throw invalid(`unknown campaign status "${patch.status}"`)
      set('status', patch.status)
    }
    if (patch.statusReason !== undefined) set('status_reason', patch.statusReason)
    if (patch.completedAt !== undefined)
      set('completed_at', patch.completedAt === null ? null : toIso(patch.completedAt, 'completedAt'))
    if (patch.yield !== undefined) set('yield', patch.yield)
    if (patch.progress !== undefined) set('progress', JSON.stringify(patch.progress))
    if (patch.simulatedSeconds !== undefined) set('sim_seconds', patch.simulatedSeconds)
    if (patch.pid !== undefined) set('pid', patch.pid)
    if (patch.hostname !== undefined) set('hostname', patch.hostname)
    if (sets.length > 0) {
      await this.#db.transaction([
        {
          sql: `UPDATE campaigns SET ${sets.join(', ')} WHERE id = ?`,
          params: [...params, id],
          mustChange: () => notFound(id, CAMPAIGN_IDS),
        },
      ])
    }
    return this.#require(id)
  }

  async addCampaignDuts(id: string, duts: readonly NewCampaignDut[]): Promise<void> {
    await this.#db.transaction([
      this.#exists(id),
      ...duts.map((d) => ({
        sql: `INSERT INTO campaign_duts (campaign_id, lot_index, serial, board, socket, truth) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (campaign_id, lot_index) DO UPDATE SET serial = excluded.serial, board = excluded.board,
            socket = excluded.socket, truth = excluded.truth`,
        params: [id, d.lotIndex, d.serial, d.board, d.socket, d.truth === null ? null : JSON.stringify(d.truth)],
      })),
    ])
  }

  async getCampaignDuts(id: string): Promise<CampaignDut[]> {
    const rows = await this.#db.all<DutRow>(
      'SELECT campaign_id, lot_index, serial, board, socket, verdict, truth FROM campaign_duts WHERE campaign_id = ? ORDER BY lot_index',
      [id],
    )
    return rows.map(toCampaignDut)
  }

  async setCampaignDutVerdict(id: string, serial: string, verdict: DutVerdict | null): Promise<void> {
    await this.#db.transaction([
      {
        sql: 'UPDATE campaign_duts SET verdict = ? WHERE campaign_id = ? AND serial = ?',
        params: [verdict, id, serial],
        mustChange: () => invalid(`campaign ${id} has no DUT ${serial}`),
      },
    ])
  }

  async addCampaignPoints(id: string, points: readonly NewCampaignPoint[]): Promise<void> {
    await this.#db.transaction([
      this.#exists(id),
      ...points.map((p) => ({
        sql: `INSERT INTO campaign_points (campaign_id, ordinal, temperature_index, board, step_index, sweep_index,
            temperature_c, test, parameters, status, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)`,
        params: [
          id,
          p.ordinal,
          p.temperatureIndex,
          p.board,
          p.stepIndex,
          p.sweepIndex,
          p.temperatureC,
          p.test,
          JSON.stringify(p.parameters),
        ],
      })),
    ])
  }

  async getCampaignPoints(id: string): Promise<CampaignPoint[]> {
    const rows = await this.#db.all<PointRow>(
      `SELECT campaign_id, ordinal, temperature_index, board, step_index, sweep_index, temperature_c, test, parameters,
        status, run_id, attempts FROM campaign_points WHERE campaign_id = ? ORDER BY ordinal`,
      [id],
    )
    return rows.map(toCampaignPoint)
  }

  async startCampaignPoint(id: string, key: CampaignPointKey, runId: string): Promise<void> {
    await this.#db.transaction([
      {
        sql: `UPDATE campaign_points SET status = 'running', run_id = ?, attempts = attempts + 1 WHERE ${POINT_KEY}`,
        params: [runId, ...keyParams(id, key)],
        mustChange: () => noPoint(id, key),
      },
    ])
  }

  async finishCampaignPoint(
    id: string,
    key: CampaignPointKey,
    status: FinalCampaignPointStatus,
    results: readonly NewCampaignResult[],
  ): Promise<void> {
    if (!FINAL_POINT_STATUSES.includes(status)) {
      throw invalid(`a point cannot end "${status}" — it ends done, failed or error`)
    }
    const [point] = await this.#db.all<{ ordinal: number | string }>(
      `SELECT ordinal FROM campaign_points WHERE ${POINT_KEY}`,
      keyParams(id, key),
    )
    if (!point) throw noPoint(id, key)
    const ordinal = Number(point.ordinal)
    await this.#db.transaction([
      {
        sql: 'UPDATE campaign_points SET status = ? WHERE campaign_id = ? AND ordinal = ?',
        params: [status, id, ordinal],
        mustChange: () => noPoint(id, key),
      },
      { sql: 'DELETE FROM campaign_results WHERE campaign_id = ? AND point_ordinal = ?', params: [id, ordinal] },
      ...results.map((r) => ({
        sql: `INSERT INTO campaign_results (point_ordinal, ${RESULT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [ordinal, ...resultParams(id, r)],
      })),
    ])
  }

  async addCampaignResults(id: string, results: readonly NewCampaignResult[]): Promise<void> {
    await this.#db.transaction([
      this.#exists(id),
      ...results.flatMap((r) => [
        {
          sql: `DELETE FROM campaign_results WHERE campaign_id = ? AND point_ordinal IS NULL AND serial = ? AND test = ?
            AND parameter = ? AND conditions = ?`,
          params: [id, r.serial, r.test, r.parameter, conditionsText(r.conditions)],
        },
        {
          sql: `INSERT INTO campaign_results (point_ordinal, ${RESULT_COLUMNS}) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          params: resultParams(id, r),
        },
      ]),
    ])
  }

  async getCampaignResults(id: string): Promise<CampaignResult[]> {
    // Measured results in point order, derived ones (no point) after them.
    const rows = await this.#db.all<CampaignResultRow>(
      `SELECT ${RESULT_COLUMNS} FROM campaign_results WHERE campaign_id = ?
       ORDER BY CASE WHEN point_ordinal IS NULL THEN 1 ELSE 0 END, point_ordinal, id`,
      [id],
    )
    return rows.map(toCampaignResult)
  }

  async recoverInterruptedCampaigns(): Promise<CampaignRecord[]> {
    const open = await this.#db.all<CampaignRow>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns WHERE status IN ('pending', 'running') AND hostname = ?`,
      [this.#host],
    )
    const recovered: CampaignRecord[] = []
    for (const row of open) {
      if (row.pid === null || isProcessAlive(Number(row.pid))) continue
      const reason = `interrupted: process ${row.pid} on ${row.hostname} ended without finishing it — "dvt run-plan --resume ${row.id.slice(0, 8)}" continues it`
      await this.#db.transaction([
        {
          sql: `UPDATE campaigns SET status = 'aborted', status_reason = ?, completed_at = ?
            WHERE id = ? AND pid = ? AND hostname = ? AND status IN ('pending', 'running')`,
          params: [reason, new Date().toISOString(), row.id, row.pid, row.hostname],
        },
      ])
      const after = await this.getCampaign(row.id)
      if (after && after.status === 'aborted') recovered.push(after)
    }
    return recovered
  }

  async #require(id: string): Promise<CampaignRecord> {
    const found = await this.getCampaign(id)
    if (!found) throw notFound(id, CAMPAIGN_IDS)
    return found
  }

  /** A statement that fails the transaction when the campaign does not exist. */
  #exists(id: string): SqlStatement {
    return {
      sql: 'UPDATE campaigns SET name = name WHERE id = ?',
      params: [id],
      mustChange: () => notFound(id, CAMPAIGN_IDS),
    }
  }
}

function resultParams(id: string, r: NewCampaignResult): unknown[] {
  return [
    id,
    r.serial,
    r.socket,
    r.test,
    conditionsText(r.conditions),
    r.parameter,
    r.value,
    r.unit,
    r.lowerLimit ?? null,
    r.upperLimit ?? null,
    r.passed ?? null,
    r.runId ?? null,
    r.truth ?? null,
  ]
}

function noPoint(id: string, key: CampaignPointKey): StorageError {
  return invalid(
    `campaign ${id} has no point (temperature ${key.temperatureIndex}, board ${key.board}, step ${key.stepIndex}, sweep ${key.sweepIndex})`,
  )
}

function invalid(message: string): StorageError {
  return new StorageError('STORAGE_INVALID_INPUT', message)
}
