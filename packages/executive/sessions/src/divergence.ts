import type { InstrumentRole } from '@dvt/protocol'

/** Where a strict replay stopped: the first line the test sent that the recording does not have there. */
export interface Divergence {
  role: InstrumentRole
  /** What the instrument is called (`multimeter`). */
  label: string
  /** `command`: a different line; `wait`: the same line after a different simulated wait; `end`: past the
   *  recording's end; `unused`: the test ended before the recording did. */
  reason: 'command' | 'wait' | 'end' | 'unused'
  /** 1-based position of the expected exchange in the instrument's recording (its count + 1 past the end). */
  index: number
  /** Exchanges recorded for the instrument. */
  of: number
  /** The expected exchange's position in the whole session (`seq`), or null past the end. */
  seq: number | null
  /** The recorded line, or null past the end. */
  expected: string | null
  /** The line the test sent, or null when it sent nothing more. */
  got: string | null
  /** For `wait`: the simulated seconds waited before the line, in the recording and in the replay. */
  waited?: { expected: number; got: number }
}

/** The divergence as a person reads it: one sentence, then the expected and the received line. */
export function formatDivergence(d: Divergence): string {
  const at = `exchange ${d.index} of ${d.of} of the ${d.label} (${d.role})${d.seq === null ? '' : `, #${d.seq} of the session`}`
  const head = {
    command: `replay stopped at ${at}: the test sent a different command`,
    wait: `replay stopped at ${at}: the test waited ${seconds(d.waited?.got)} of simulated time before it, the recording ${seconds(d.waited?.expected)}`,
    end: `replay stopped: the test sent the ${d.label} (${d.role}) more than the ${d.of} exchanges recorded`,
    unused: `replay incomplete at ${at}: the test ended before the recording did`,
  }[d.reason]
  const lines = [
    head,
    `  expected: ${d.expected ?? '(nothing: the recording ends here)'}`,
    `  got:      ${d.got ?? '(nothing)'}`,
  ]
  const column = d.expected !== null && d.got !== null ? firstDifference(d.expected, d.got) : -1
  if (column >= 0) lines.push(`            ${' '.repeat(column)}^ first difference, column ${column + 1}`)
  return lines.join('\n')
}

function seconds(value: number | undefined): string {
  return value === undefined ? '?' : `${Number(value.toPrecision(9))} s`
}

function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i
  return a.length === b.length ? -1 : n
}
