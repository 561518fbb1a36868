import type { ScpiErrorEntry } from '@dvt/protocol'
import type { Transport } from '@dvt/transports'
import { ERROR_QUERY, parseErrorEntry } from './scpi-format'

/** What one raw line got back: its response (null for a command or a failed query) and the errors it queued. */
export interface RawExchange {
  reply: string | null
  errors: ScpiErrorEntry[]
}

/** The error queue holds at most 20 entries plus an overflow marker (docs/scpi.md#error-queue). */
const MAX_DRAIN = 22

/**
 * Sends one SCPI line as a person typed it (a console, `dvt query`) and reads back its response and every error it
 * queued. `*OPC?` rides on the same line: it always answers, so a failed query — which answers nothing, as on a
 * real instrument — costs no timeout, and the line's own response is what comes before the last `;`.
 */
export async function exchangeRaw(transport: Transport, line: string): Promise<RawExchange> {
  const answer = await transport.query(`${line};*OPC?`)
  const cut = answer.lastIndexOf(';')
  const reply = cut >= 0 ? answer.slice(0, cut) : null
  return { reply, errors: await readErrorQueue(transport) }
}

/** Empties the instrument's error queue (`SYST:ERR?` until `+0,"No error"`) and returns its entries in order. */
export async function readErrorQueue(transport: Transport): Promise<ScpiErrorEntry[]> {
  const errors: ScpiErrorEntry[] = []
  for (let i = 0; i < MAX_DRAIN; i++) {
    const entry = parseErrorEntry(await transport.query(ERROR_QUERY))
    if (!entry || entry.code === 0) break
    errors.push(entry)
  }
  return errors
}
