import type { ScpiErrorEntry } from '@dvt/protocol'
import { parseErrorEntry } from '../scpi-format'

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
