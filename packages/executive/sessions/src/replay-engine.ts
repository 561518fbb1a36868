import type { InstrumentRole } from '@dvt/protocol'
import type { Divergence } from './divergence'
import { housekeepingAnswer, isHousekeeping, type ReplayBenchState } from './internal/housekeeping'
import { buildStreams, nearestEntry, type ReplayEntry, type ReplayStream } from './internal/replay-streams'
import { firstAnswer, isTimeQuery, shapeOf, type Unit, unitsOf, waitSeconds } from './internal/scpi-units'
import type { Session } from './session-format'

/** `strict`: the first line that differs from the recording stops the replay; `lenient`: the nearest alike answers. */
export type ReplayMode = 'strict' | 'lenient'

/** What the replay does with one line: the response (null: none), and whether to drop the connections or stop. */
export interface ReplayReply {
  answer: string | null
  action?: 'drop' | 'stop'
}

/** How far a replay got. */
export interface ReplayProgress {
  /** Recorded exchanges served (the test clock's waits are not counted). */
  served: number
  total: number
  /** Lines answered from an exchange other than the next one (lenient mode). */
  approximated: number
}

/** Serves one session's recorded answers, line by line, per instrument (no I/O: the replay server hosts it). */
export interface ReplayEngine {
  readonly mode: ReplayMode
  readonly roles: readonly InstrumentRole[]
  handle(role: InstrumentRole, line: string): ReplayReply
  /** The divergence that stopped a strict replay, or null. */
  readonly divergence: Divergence | null
  /** In strict mode after the test: the first instrument whose recording was not served to its end, or null. */
  unserved(): Divergence | null
  progress(): ReplayProgress
}

/**
 * A replay of `session`. Besides the recorded exchanges it answers, at any point and in both modes, what a bench
 * answers whoever asks: `*IDN?` (the recorded identity), `SYST:ERR?` (no error), `SIM:SPE`/`SIM:SPE?` (the replay's
 * own setting) and the test clock's `SIM:WAIT s;*OPC?`, whose total before each exchange strict mode checks. A session
 * recorded on real hardware has no simulated clock: the replay's control port then keeps one (`SIM:TIME?` is the
 * waits so far, `SIM:WAIT` returns at once), so a test replays without waiting on the wall clock. docs/sessions.md
 */
export function createReplayEngine(session: Session, mode: ReplayMode): ReplayEngine {
  const streams = buildStreams(session)
  const clockRecorded = session.header.backend === 'simulator'
  let waited = 0
  let clockBase = { time: 0, waited: 0 }
  const bench: ReplayBenchState = { speed: 'MAX', time: () => clockBase.time + waited - clockBase.waited }
  let divergence: Divergence | null = null
  let approximated = 0

  const stream = (role: InstrumentRole): ReplayStream | undefined => streams.get(role)

  function diverge(d: Divergence): ReplayReply {
    divergence = d
    return { answer: null, action: 'stop' }
  }

  function serve(s: ReplayStream, entry: ReplayEntry, line: string): ReplayReply {
    if (mode === 'strict' && clockRecorded && !sameSeconds(waited, entry.waitedBefore)) {
      return diverge({
        ...where(s, entry),
        reason: 'wait',
        expected: entry.sent,
        got: line,
        waited: { expected: entry.waitedBefore, got: waited },
      })
    }
    s.cursor = entry.index + 1
    s.served++
    if (entry.received !== null && isTimeQuery(entry.sent)) {
      clockBase = { time: Number(firstAnswer(entry.received)), waited }
    }
    if (entry.error === null) return { answer: entry.received }
    // A recorded timeout answers nothing; a recorded drop drops the connection again.
    return entry.error.code === 'TRANSPORT_TIMEOUT' ? { answer: null } : { answer: null, action: 'drop' }
  }

  /** The next entry, looking past recorded failures (a call the transport failed may never have been sent). */
  function nextMatching(s: ReplayStream, line: string): ReplayEntry | undefined {
    for (let i = s.cursor; i < s.entries.length; i++) {
      const entry = s.entries[i]!
      if (entry.sent === line) return entry
      if (entry.error === null) return undefined
    }
    return undefined
  }

  function lenient(s: ReplayStream, line: string, units: readonly Unit[]): ReplayReply {
    const shape = shapeOf(line)
    const alike = nearestEntry(s, (e) => e.sent === line) ?? nearestEntry(s, (e) => e.shape === shape)
    if (alike) {
      approximated++
      return serve(s, alike, line)
    }
    approximated++
    return { answer: housekeepingAnswer(units, s.identity, bench, true) }
  }

  function handle(role: InstrumentRole, line: string): ReplayReply {
    if (divergence !== null) return { answer: null, action: 'stop' }
    const s = stream(role)
    if (!s) return { answer: null }
    const units = unitsOf(line)
    const wait = role === 'control' ? waitSeconds(line) : null
    if (wait !== null) {
      waited += wait
      return { answer: housekeepingAnswer(units, s.identity, bench) }
    }
    const next = nextMatching(s, line)
    if (next) return serve(s, next, line)
    if (isHousekeeping(units, clockRecorded)) return { answer: housekeepingAnswer(units, s.identity, bench) }
    if (mode === 'lenient') return lenient(s, line, units)
    const expected = s.entries[s.cursor]
    if (!expected) return diverge({ ...where(s, undefined), reason: 'end', expected: null, got: line })
    return diverge({ ...where(s, expected), reason: 'command', expected: expected.sent, got: line })
  }

  return {
    mode,
    roles: [...streams.keys()],
    handle,
    get divergence() {
      return divergence
    },
    unserved() {
      if (divergence !== null) return divergence
      for (const s of streams.values()) {
        const left = s.entries.slice(s.cursor).find((e) => e.error === null)
        if (left) return { ...where(s, left), reason: 'unused', expected: left.sent, got: null }
      }
      return null
    },
    progress() {
      let served = 0
      let total = 0
      for (const s of streams.values()) {
        served += s.served
        total += s.entries.length
      }
      return { served, total, approximated }
    },
  }
}

function where(s: ReplayStream, entry: ReplayEntry | undefined) {
  return {
    role: s.role,
    label: s.label,
    index: (entry?.index ?? s.entries.length) + 1,
    of: s.entries.length,
    seq: entry?.seq ?? null,
  }
}

/** Waits are sums of chunks: equal up to float rounding. */
function sameSeconds(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 + 1e-9 * Math.max(Math.abs(a), Math.abs(b))
}
