import { INSTRUMENTS, type InstrumentRole } from '@dvt/protocol'
import type { Session } from '../session-format'
import { firstAnswer, isIdentityQuery, shapeOf, waitSeconds } from './scpi-units'

/** One recorded exchange as the replay serves it. */
export interface ReplayEntry {
  /** Position in its instrument's stream, from 0. */
  index: number
  /** Position in the whole session. */
  seq: number
  sent: string
  received: string | null
  error: { code: string; message: string } | null
  /** Simulated seconds the test had waited (`SIM:WAIT`, every instrument) before this exchange. */
  waitedBefore: number
  shape: string
}

/** One instrument's recorded exchanges in order, and how far the replay has served them. */
export interface ReplayStream {
  role: InstrumentRole
  label: string
  identity: string
  entries: ReplayEntry[]
  /** The next entry to serve. */
  cursor: number
  /** Entries served so far. */
  served: number
}

/**
 * Splits a session into one stream per instrument. The test clock's `SIM:WAIT`s are not entries: what they
 * amount to is kept on every other entry (`waitedBefore`), since the clock cuts a wait into chunks by the wall speed
 * it sees, which differs between the recording and the replay while the total does not.
 */
export function buildStreams(session: Session): Map<InstrumentRole, ReplayStream> {
  const streams = new Map<InstrumentRole, ReplayStream>()
  for (const instrument of session.header.instruments) {
    streams.set(instrument.role, {
      role: instrument.role,
      label: instrument.label,
      identity: instrument.identity ?? '',
      entries: [],
      cursor: 0,
      served: 0,
    })
  }
  let waited = 0
  for (const exchange of [...session.exchanges].sort((a, b) => a.seq - b.seq)) {
    const wait = exchange.role === 'control' ? waitSeconds(exchange.sent) : null
    if (wait !== null) {
      if (exchange.error === null) waited += wait
      continue
    }
    const stream = streams.get(exchange.role) ?? addStream(streams, exchange.role)
    if (stream.identity === '' && isIdentityQuery(exchange.sent) && exchange.received !== null) {
      stream.identity = firstAnswer(exchange.received)
    }
    stream.entries.push({
      index: stream.entries.length,
      seq: exchange.seq,
      sent: exchange.sent,
      received: exchange.received,
      error: exchange.error,
      waitedBefore: waited,
      shape: shapeOf(exchange.sent),
    })
  }
  if (!streams.has('control')) addStream(streams, 'control')
  for (const stream of streams.values()) {
    if (stream.identity === '')
      stream.identity = `DVT Bench,REPLAY-${stream.role.toUpperCase()},0,${session.header.software_version}`
  }
  return streams
}

function addStream(streams: Map<InstrumentRole, ReplayStream>, role: InstrumentRole): ReplayStream {
  const stream: ReplayStream = { role, label: INSTRUMENTS[role].label, identity: '', entries: [], cursor: 0, served: 0 }
  streams.set(role, stream)
  return stream
}

/** The entry nearest the stream's cursor that `matches` (ahead of it first, on a tie), or undefined. */
export function nearestEntry(stream: ReplayStream, matches: (entry: ReplayEntry) => boolean): ReplayEntry | undefined {
  const { entries, cursor } = stream
  for (let d = 0; d < entries.length; d++) {
    const ahead = entries[cursor + d]
    if (ahead && matches(ahead)) return ahead
    const behind = entries[cursor - 1 - d]
    if (behind && matches(behind)) return behind
    if (!ahead && !behind) return undefined
  }
  return undefined
}
