/** A SCPI error-queue entry, e.g. `-113,"Undefined header"`. */
export interface ScpiErrorEntry {
  code: number
  message: string
}

/** Formats a number for a SCPI command without float noise: `5`, `0.1`, `-40`, `1e-7`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`cannot send ${value} to an instrument`)
  return String(Number(value.toPrecision(12)))
}

/** Parses an NR1/NR2/NR3 response (`+1.23456789E+00`); NaN when it is not a number. */
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

const TRAILING_ERROR = /(?:^|;)([+-]?\d+,"(?:[^"]|"")*")$/

/**
 * Splits a compound response `<data>;<error entry>` into the data part and the error entry the
 * appended `:SYST:ERR?` produced. A failed query produces no data (docs/scpi.md#errors-never-in-the-data-stream), so the line
 * may hold only the error entry: then `data` is null.
 */
export function splitErrorReply(line: string): { data: string | null; error: ScpiErrorEntry | null } {
  const match = TRAILING_ERROR.exec(line)
  if (!match) return { data: line, error: null }
  const error = parseErrorEntry(match[1]!)
  const cut = match.index
  return { data: cut === 0 && !line.startsWith(';') ? null : line.slice(0, cut), error }
}
