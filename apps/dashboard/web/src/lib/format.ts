/** Fixed decimals, or an em dash for a missing value. */
export function fixed(value: unknown, digits: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—'
}

/** `1 h 02 min 05 s` style duration of simulated seconds. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—'
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`
  if (m > 0) return `${m} min ${String(rest).padStart(2, '0')} s`
  return `${rest} s`
}

/** The wall time from `startedAt` to `completedAt` (ISO timestamps), or an em dash while there is no end. */
export function wallDuration(startedAt: string, completedAt: string | null): string {
  if (!completedAt) return '—'
  return duration((Date.parse(completedAt) - Date.parse(startedAt)) / 1000)
}

/** Local date and time of an ISO timestamp. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString()
}

/** Engineering formatting for a reading with its unit (`3.29812 V`, `52.1 µA`). */
export function reading(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  if (unit === 'A' && abs > 0 && abs < 1e-3) return `${(value * 1e6).toPrecision(4)} µA`
  if (unit === 'A' && abs > 0 && abs < 1) return `${(value * 1e3).toPrecision(4)} mA`
  if (abs !== 0 && (abs >= 1e5 || abs < 1e-3)) return `${value.toExponential(4)} ${unit}`.trim()
  return `${Number(value.toPrecision(6))} ${unit}`.trim()
}

/** First 8 characters of a run ID. */
export function shortId(id: string): string {
  return id.slice(0, 8)
}
