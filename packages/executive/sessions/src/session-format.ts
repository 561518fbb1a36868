import { join } from 'node:path'
import { INSTRUMENT_ROLES, type InstrumentRole } from '@dvt/protocol'
import { z } from 'zod'

// The session file: gzip-compressed NDJSON, one header line, one line per exchange, one end line (docs/sessions.md).

/** The `format` word of every session file's header. */
export const SESSION_FORMAT = 'dvt-session'
/** The version of the line layout below; a reader refuses a newer one. */
export const SESSION_FORMAT_VERSION = 1

/** Where a run's session file is: `<data.measurements_dir>/sessions/run_<run id>.ndjson.gz`. */
export function sessionPath(measurementsDir: string, runId: string): string {
  return join(sessionsDir(measurementsDir), `run_${runId}.ndjson.gz`)
}

/** The folder that holds every run's session file. */
export function sessionsDir(measurementsDir: string): string {
  return join(measurementsDir, 'sessions')
}

const role = z.enum(INSTRUMENT_ROLES as [InstrumentRole, ...InstrumentRole[]])

/** One instrument of the recorded bench: the role the drivers gave it, where it was, what it said it was. */
export const sessionInstrumentSchema = z.object({
  role,
  label: z.string(),
  resource: z.string(),
  /** Its `*IDN?` answer as seen during the session (the probe before a run counts), or null. */
  identity: z.string().nullable(),
})

export const sessionHeaderSchema = z.object({
  type: z.literal('header'),
  format: z.literal(SESSION_FORMAT),
  version: z.number().int().min(1),
  run_id: z.string(),
  test: z.string(),
  software_version: z.string(),
  backend: z.enum(['simulator', 'visa']),
  /** ISO-8601 wall time the recording began (the run's start); `t_ms` counts from here. */
  started_at: z.string(),
  instruments: z.array(sessionInstrumentSchema),
})

export const sessionExchangeSchema = z.object({
  type: z.literal('exchange'),
  /** Order of the exchange in the session (0, 1, …), across every instrument, as the drivers sent them. */
  seq: z.number().int().min(0),
  role,
  /** `query` waits for one response line; `write` sends a command and reads nothing. */
  kind: z.enum(['query', 'write']),
  /** The line sent, without its LF terminator. */
  sent: z.string(),
  /** The response line without its terminator; null for a write or a query that failed. */
  received: z.string().nullable(),
  /** Wall milliseconds from `started_at` to the moment the line was sent. */
  t_ms: z.number(),
  /** Wall milliseconds the exchange took (sent → answered, written or failed). */
  dur_ms: z.number(),
  /** The test clock's simulated time when sent (last `SIM:TIME?` plus the `SIM:WAIT`s since), or null. */
  sim_s: z.number().nullable(),
  /** The transport's failure (`TRANSPORT_TIMEOUT`, `TRANSPORT_CLOSED`, …), or null. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})

export const sessionEndSchema = z.object({
  type: z.literal('end'),
  run_id: z.string(),
  /** How the run ended: passed, failed, error, aborted. */
  status: z.string(),
  ended_at: z.string(),
  /** How many exchange lines the file holds: a reader checks it. */
  exchanges: z.number().int().min(0),
})

export type SessionInstrument = z.infer<typeof sessionInstrumentSchema>
export type SessionHeader = z.infer<typeof sessionHeaderSchema>
export type SessionExchange = z.infer<typeof sessionExchangeSchema>
export type SessionEnd = z.infer<typeof sessionEndSchema>

/** A whole session file, read and checked. */
export interface Session {
  header: SessionHeader
  exchanges: SessionExchange[]
  end: SessionEnd
}

const quote = JSON.stringify
const number = (value: number | null): string => (value !== null && Number.isFinite(value) ? String(value) : 'null')

/**
 * One exchange as its NDJSON line: exactly `JSON.stringify(exchange)` (the keys in the schema's order), written out
 * by hand because it runs once per exchange while the test waits on it, and a generic stringify of this object costs
 * several times more. Only the strings can need escaping; the role and kind are words of a fixed vocabulary.
 */
export function exchangeLine(e: SessionExchange): string {
  const received = e.received === null ? 'null' : quote(e.received)
  const error = e.error === null ? 'null' : quote({ code: e.error.code, message: e.error.message })
  return (
    `{"type":"exchange","seq":${e.seq},"role":"${e.role}","kind":"${e.kind}","sent":${quote(e.sent)},` +
    `"received":${received},"t_ms":${number(e.t_ms)},"dur_ms":${number(e.dur_ms)},"sim_s":${number(e.sim_s)},"error":${error}}`
  )
}
