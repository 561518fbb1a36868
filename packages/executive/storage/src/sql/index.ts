// `@dvt/storage/sql`: DuckDB over the measurements dataset (`dvt sql`). DuckDB loads only here.
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { type DuckDBConnection, DuckDBInstance, type DuckDBResultReader } from '@duckdb/node-api'
import { StorageError } from '../storage-error'

/** A query's answer: its column names and rows of JSON-safe values (numbers, strings, booleans, null, arrays). */
export interface SqlResult {
  columns: string[]
  rows: Record<string, unknown>[]
}

/** The columns of the `measurements` view: each file's own, plus the `date` of its Hive partition. */
export const MEASUREMENT_VIEW_COLUMNS = [
  ['run_id', 'VARCHAR'],
  ['station', 'VARCHAR'],
  ['test', 'VARCHAR'],
  ['serial', 'VARCHAR'],
  ['campaign_id', 'VARCHAR'],
  ['timestamp', 'TIMESTAMPTZ'],
  ['sim_time', 'DOUBLE'],
  ['parameter', 'VARCHAR'],
  ['value', 'DOUBLE'],
  ['unit', 'VARCHAR'],
  ['temperature', 'DOUBLE'],
  ['input_voltage', 'DOUBLE'],
  ['load_current', 'DOUBLE'],
  ['date', 'DATE'],
] as const

function hasParquet(dir: string): boolean {
  if (!existsSync(dir)) return false
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.parquet')) return true
    if (entry.isDirectory() && entry.name.includes('=') && hasParquet(join(dir, entry.name))) return true
  }
  return false
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`

/** The `measurements` view: every run of every station under `dir` (`station=…/test=…/date=…/run_<id>.parquet`). */
async function createView(conn: DuckDBConnection, dir: string): Promise<void> {
  if (hasParquet(dir)) {
    const glob = quote(join(dir, 'station=*', 'test=*', 'date=*', '*.parquet'))
    await conn.run(
      `CREATE VIEW measurements AS SELECT * FROM read_parquet(${glob}, hive_partitioning = true, union_by_name = true)`,
    )
    return
  }
  // No run yet: the same columns, no rows, so a query is still answered (with nothing).
  const columns = MEASUREMENT_VIEW_COLUMNS.map(([name, type]) => `NULL::${type} AS "${name}"`).join(', ')
  await conn.run(`CREATE VIEW measurements AS SELECT ${columns} WHERE false`)
}

/**
 * Runs one query with DuckDB over the measurements dataset under `measurementsDir`, exposed as the view
 * `measurements`. DuckDB installs no extension (this machine may have no network): Parquet is built in. A query
 * DuckDB refuses is a StorageError (`STORAGE_BAD_QUERY`) whose message is one sentence.
 */
export async function runSql(measurementsDir: string, query: string): Promise<SqlResult> {
  const duck = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  })
  const conn = await duck.connect()
  try {
    await createView(conn, resolve(measurementsDir))
    let reader: DuckDBResultReader
    try {
      reader = await conn.runAndReadAll(query)
    } catch (error) {
      throw badQuery(error)
    }
    return toResult(reader)
  } finally {
    conn.closeSync()
    duck.closeSync()
  }
}

function badQuery(error: unknown): StorageError {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim()
  const columns = MEASUREMENT_VIEW_COLUMNS.map(([name]) => name).join(', ')
  return new StorageError(
    'STORAGE_BAD_QUERY',
    `DuckDB refused the query: ${first.replace(/\.$/, '')} — the view "measurements" has the columns ${columns}`,
    { cause: error },
  )
}

function toResult(result: DuckDBResultReader): SqlResult {
  const columns = result.columnNames()
  const types = result.columnTypes().map((t) => t.toString())
  const rows = result.getRowsJS().map((values) => {
    const row: Record<string, unknown> = {}
    values.forEach((v, i) => {
      row[columns[i]!] = jsonSafe(v, types[i]!)
    })
    return row
  })
  return { columns, rows }
}

/** bigint → number (string past 2^53), dates → ISO text, nested values element by element. */
function jsonSafe(value: unknown, type: string): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
  if (value instanceof Date) return type === 'DATE' ? value.toISOString().slice(0, 10) : value.toISOString()
  if (Array.isArray(value)) return value.map((v) => jsonSafe(v, ''))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v, '')]))
  }
  return value
}
