import type { ScpiErrorEntry } from '@dvt/protocol'

/** Reads and removes the oldest error-queue entry (docs/scpi.md#common-commands). */
export const ERROR_QUERY = 'SYST:ERR?'

/** Formats a number for a SCPI command without float noise: `5`, `0.1`, `-40`, `1e-7`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot send ${value} to an instrument`)
  return String(Number(value.toPrecision(12)))
}

/** One channel, or a list of channels and `[first, last]` ranges (docs/scpi.md#parameters). */
export type ChannelList = number | readonly (number | readonly [first: number, last: number])[]

/** Formats a channel list: `1` → `(@1)`, `[1, 3]` → `(@1,3)`, `[[101, 108]]` → `(@101:108)`. */
export function formatChannelList(channels: ChannelList): string {
  const items = typeof channels === 'number' ? [channels] : channels
  if (items.length === 0) throw new RangeError('cannot send an empty channel list to an instrument')
  const text = items.map((item) =>
    typeof item === 'number' ? channel(item) : `${channel(item[0])}:${channel(item[1])}`,
  )
  return `(@${text.join(',')})`
}

/** Every channel a list names, in order, ranges expanded (`(@3:1)` counts down): `[[101, 103]]` → 101, 102, 103. */
export function channelsOf(channels: ChannelList): number[] {
  const items = typeof channels === 'number' ? [channels] : channels
  return items.flatMap((item) => {
    if (typeof item === 'number') return [item]
    const [first, last] = item
    const step = last >= first ? 1 : -1
    return Array.from({ length: Math.abs(last - first) + 1 }, (_, i) => first + i * step)
  })
}

function channel(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`cannot send channel ${n} to an instrument`)
  return String(n)
}

/** Parses an NR1/NR2/NR3 response (`+1.23456789E+00`); NaN when it is not a number (docs/scpi.md#response-formats). */
export function parseNumber(text: string): number {
  const trimmed = text.trim()
  return trimmed === '' ? Number.NaN : Number(trimmed)
}

/** Parses a comma-separated list of readings. */
export function parseNumberList(text: string): number[] {
  return text.split(',').map(parseNumber)
}

const ERROR_ENTRY = /^([+-]?\d+),"((?:[^"]|"")*)"$/

/** Parses `-113,"Undefined header"`; null when the text is not an error-queue entry. */
export function parseErrorEntry(text: string): ScpiErrorEntry | null {
  const match = ERROR_ENTRY.exec(text.trim())
  if (!match) return null
  return { code: Number(match[1]), message: match[2]!.replaceAll('""', '"') }
}
