import { isRunStatus, RUN_STATUSES, type RunQuery } from '../records'
import { StorageError } from '../storage-error'

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 1000
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

export interface RunQuerySql {
  where: string
  params: (string | number)[]
  limit: number
  offset: number
}

/**
 * Turns a RunQuery into a WHERE clause (using the started_at / status / test / station indexes) and its parameters,
 * with `?` placeholders (PostgreSQL numbers them: `numberPlaceholders`).
 */
/** `like`: SQLite's LIKE ignores ASCII case; PostgreSQL needs ILIKE for the same search. */
export function runQuerySql(query: RunQuery, like: 'LIKE' | 'ILIKE' = 'LIKE'): RunQuerySql {
  const clauses: string[] = []
  const params: (string | number)[] = []
  if (query.status !== undefined) {
    if (!isRunStatus(query.status)) {
      throw invalid(`unknown run status "${query.status}" — use one of ${RUN_STATUSES.join(', ')}`)
    }
    clauses.push('status = ?')
    params.push(query.status)
  }
  if (query.test !== undefined) {
    clauses.push('test = ?')
    params.push(query.test)
  }
  if (query.station !== undefined) {
    clauses.push('station = ?')
    params.push(query.station)
  }
  if (query.from !== undefined) {
    clauses.push('started_at >= ?')
    params.push(toIso(query.from, 'from'))
  }
  if (query.to !== undefined) {
    // A bare date means the whole day.
    if (DATE_ONLY.test(query.to)) {
      clauses.push('started_at < ?')
      params.push(new Date(Date.parse(`${query.to}T00:00:00.000Z`) + 86_400_000).toISOString())
    } else {
      clauses.push('started_at <= ?')
      params.push(toIso(query.to, 'to'))
    }
  }
  const search = query.search?.trim()
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    const columns = ['id', 'test', 'dut_serial', 'operator', 'description']
    clauses.push(`(${columns.map((c) => `${c} ${like} ? ESCAPE '\\'`).join(' OR ')})`)
    for (const _ of columns) params.push(pattern)
  }
  return {
    where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    limit: checkCount(query.limit ?? DEFAULT_LIMIT, 'limit', 1, MAX_LIMIT),
    offset: checkCount(query.offset ?? 0, 'offset', 0, Number.MAX_SAFE_INTEGER),
  }
}

/** Normalises an ISO-8601 date or date-time to `toISOString()` form (UTC, milliseconds) so text order is time order. */
export function toIso(value: string, what: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms))
    throw invalid(`${what} "${value}" is not an ISO-8601 date — use e.g. 2025-01-31 or 2025-01-31T12:00:00Z`)
  return new Date(ms).toISOString()
}

export function checkCount(n: number, what: string, min: number, max: number): number {
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalid(`${what} must be a whole number from ${min} to ${max}, not ${n}`)
  return n
}

function invalid(message: string): StorageError {
  return new StorageError('STORAGE_INVALID_INPUT', message)
}

/** `?` → `$1`, `$2`, … for PostgreSQL (the clauses above hold no other question marks). */
export function numberPlaceholders(sql: string, first = 1): string {
  let n = first
  return sql.replace(/\?/g, () => `$${n++}`)
}
