/** Number formatting and dates for the report text (UTC throughout, so a report reads the same anywhere). */

import { formatNumber } from '@dvt/charts/labels'

export { formatNumber }

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** `2026-03-01 14:02:11 UTC`, or the input unchanged when it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '\u2014'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
}

/** `14:02:11.250` (UTC time of day, for event timelines). */
export function formatTimeOfDay(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
}

/** `1 h 02 min 05 s`, `3 min 20 s`, `4.2 s`; an em dash when the run has no end yet. */
export function formatDuration(startIso: string, endIso: string | null): string {
  if (!endIso) return '\u2014'
  return formatElapsed(new Date(endIso).getTime() - new Date(startIso).getTime())
}

/** `52 h 46 min 05 s`, `3 min 20 s`, `4.2 s` for a span of `ms` milliseconds; an em dash when it is not one. */
export function formatElapsed(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '\u2014'
  if (ms < 60_000) return `${formatNumber(ms / 1000, 3)} s`
  const total = Math.round(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  return h > 0 ? `${h} h ${pad(m)} min ${pad(s)} s` : `${m} min ${pad(s)} s`
}
