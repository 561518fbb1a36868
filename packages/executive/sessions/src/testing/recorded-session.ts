import { INSTRUMENTS, type InstrumentRole } from '@dvt/protocol'
import type { Session, SessionExchange } from '../session-format'

export { NO_ERROR } from '@dvt/drivers/testing'

/** One recorded exchange: instrument, line sent, line received (null: a write), a transport error code. */
export type RecordedLine = [role: InstrumentRole, sent: string, received: string | null, error?: string]

export interface RecordedSessionOptions {
  runId?: string
  backend?: 'simulator' | 'visa'
  /** `*IDN?` answers for the header, by role (others: null). */
  identities?: Partial<Record<InstrumentRole, string>>
}

/** A session of these exchanges, in order, as the recorder writes it (for tests of readers and the replay). */
export function recordedSession(lines: readonly RecordedLine[], options: RecordedSessionOptions = {}): Session {
  const runId = options.runId ?? 'run-1'
  const roles = [...new Set(lines.map(([role]) => role))]
  const exchanges: SessionExchange[] = lines.map(([role, sent, received, error], seq) => ({
    type: 'exchange',
    seq,
    role,
    kind: received === null && !error ? 'write' : 'query',
    sent,
    received,
    t_ms: seq,
    dur_ms: 0.1,
    sim_s: null,
    error: error ? { code: error, message: `${error} in the recording` } : null,
  }))
  return {
    header: {
      type: 'header',
      format: 'dvt-session',
      version: 1,
      run_id: runId,
      test: 'tempco',
      software_version: '0.1.0',
      backend: options.backend ?? 'simulator',
      started_at: '2026-12-01T00:00:00.000Z',
      instruments: roles.map((role) => ({
        role,
        label: INSTRUMENTS[role].label,
        resource: `TCPIP::127.0.0.1::${5000 + INSTRUMENTS[role].portOffset}::SOCKET`,
        identity: options.identities?.[role] ?? null,
      })),
    },
    exchanges,
    end: {
      type: 'end',
      run_id: runId,
      status: 'passed',
      ended_at: '2026-12-01T00:01:00.000Z',
      exchanges: lines.length,
    },
  }
}
