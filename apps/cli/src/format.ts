import { type ResultRecord, type RunRecord, showsSocketColumn } from '@dvt/storage/records'

/** A plain text table: left-aligned columns, two spaces apart. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n')
}

/** `2026-11-24 22:17:09` in local time: what a person at the bench reads. */
export function formatTime(iso: string | null): string {
  if (!iso) return '—'
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

export function formatDuration(run: Pick<RunRecord, 'startedAt' | 'completedAt'>): string {
  if (!run.completedAt) return '—'
  const s = (Date.parse(run.completedAt) - Date.parse(run.startedAt)) / 1000
  // Rounded first, so 59.96 s is "1 min 0 s" rather than "60.0 s", and 119.5 s is "2 min 0 s", not "1 min 60 s".
  if (Math.round(s * 10) < 600) return `${(Math.round(s * 10) / 10).toFixed(1)} s`
  const whole = Math.round(s)
  return `${Math.floor(whole / 60)} min ${whole % 60} s`
}

/** Up to 7 significant digits, without exponent noise for everyday magnitudes. */
export function formatValue(value: number | null): string {
  if (value === null || value === undefined) return '—'
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  if (abs !== 0 && (abs >= 1e7 || abs < 1e-4)) return value.toExponential(4)
  return String(Number(value.toPrecision(7)))
}

/** A fraction as a percentage with one decimal (`0.953` → `95.3 %`); `—` when unknown. */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? '—' : `${(fraction * 100).toFixed(1)} %`
}

export function verdictWord(passed: boolean | null): string {
  if (passed === null) return 'INFO'
  return passed ? 'PASS' : 'FAIL'
}

export function resultRows(results: readonly ResultRecord[]): string[][] {
  return results.map((r) => [
    r.parameter,
    formatValue(r.value),
    r.unit,
    formatValue(r.lowerLimit),
    formatValue(r.upperLimit),
    verdictWord(r.passed),
  ])
}

export const RESULT_HEADER = ['parameter', 'value', 'unit', 'lower', 'upper', 'verdict'] as const

/** A run's results as a table: with a `socket` column first when they are of more than one socket. */
export function resultsTable(results: readonly ResultRecord[]): string {
  const rows = resultRows(results)
  if (!showsSocketColumn(results)) return table(RESULT_HEADER, rows)
  const socket = (r: ResultRecord) => (r.socket === null ? '—' : String(r.socket))
  return table(
    ['socket', ...RESULT_HEADER],
    results.map((r, i) => [socket(r), ...rows[i]!]),
  )
}
