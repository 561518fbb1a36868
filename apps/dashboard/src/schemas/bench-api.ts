// The answers of `POST /api/scpi` and `POST /api/control`, as types: the server builds them
// (internal/bench-client.ts), the web app reads them (web/src/features/live/api/bench.ts).
import type { InstrumentRole, ScpiErrorEntry } from '@dvt/protocol'

/** An error the instrument queued (`SYST:ERR?`), or with `code` null a transport-level problem (a timeout). */
export type ConsoleError = Omit<ScpiErrorEntry, 'code'> & { code: number | null }

/** The answer to one console line. */
export interface ScpiExchange {
  reply: string | null
  errors: ConsoleError[]
}

export interface ControlResult {
  /** The SCPI lines sent, per instrument, in order. */
  sent: Array<{ instrument: InstrumentRole; command: string }>
  errors: Array<ConsoleError & { instrument: InstrumentRole }>
}
