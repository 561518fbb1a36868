import { runSql, type SqlResult } from '@dvt/storage/sql'
import { CliError } from '../cli-error'
import { table } from '../format'
import { loadCliConfig } from '../load-cli-config'

interface SqlFlags {
  json?: boolean
  csv?: boolean
  config?: string
}

export async function sql(query: string, flags: SqlFlags): Promise<number> {
  if (flags.json && flags.csv) throw new CliError('CLI_USAGE', 'give --json or --csv, not both')
  if (query.trim() === '')
    throw new CliError('CLI_USAGE', 'the query is empty — e.g. dvt sql "SELECT count(*) FROM measurements"')
  const config = loadCliConfig(flags)
  const result = await runSql(config.data.measurements_dir, query)
  if (flags.json) console.log(JSON.stringify(result.rows))
  else if (flags.csv) process.stdout.write(toCsv(result))
  else console.log(toTable(result))
  return 0
}

function text(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

function toTable(result: SqlResult): string {
  const rows = result.rows.map((row) => result.columns.map((c) => (row[c] === null ? 'NULL' : text(row[c]))))
  const count = `${result.rows.length} row${result.rows.length === 1 ? '' : 's'}`
  return result.columns.length === 0 ? count : `${table(result.columns, rows)}\n\n${count}`
}

/** RFC 4180: fields with a comma, a quote or a line break are quoted, quotes doubled; NULL is an empty field. */
function toCsv(result: SqlResult): string {
  const field = (value: unknown) => {
    const t = text(value)
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t
  }
  const lines = [result.columns.map(field), ...result.rows.map((row) => result.columns.map((c) => field(row[c])))]
  return `${lines.map((l) => l.join(',')).join('\n')}\n`
}
