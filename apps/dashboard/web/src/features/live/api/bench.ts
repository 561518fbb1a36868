import type { InstrumentRole } from '@dvt/protocol'
import type { ControlResult, ScpiExchange } from '../../../../../src/schemas/bench-api'
import type { ControlRequest } from '../../../../../src/schemas/control'
import { postJson } from '../../../lib/api-client'

export type { ConsoleError, ControlResult } from '../../../../../src/schemas/bench-api'

/** `POST /api/control`. */
export function applyControl(body: ControlRequest): Promise<ControlResult> {
  return postJson<ControlResult>('/api/control', body)
}

/** `POST /api/scpi`: reply (null for a command) and any queued errors. */
export function sendScpi(instrument: InstrumentRole, command: string): Promise<ScpiExchange> {
  return postJson('/api/scpi', { instrument, command })
}
