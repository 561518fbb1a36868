import type { InstrumentRole } from '@dvt/protocol'
import type { ControlResult, ScpiExchange } from '../../../../../src/schemas/bench-api'
import type { ControlRequest } from '../../../../../src/schemas/control'
import { postJson, toQuery } from '../../../lib/api-client'

export type { ConsoleError, ControlResult } from '../../../../../src/schemas/bench-api'

/** `POST /api/control?bench=…` to the bench of the fleet named `bench`. */
export function applyControl(bench: string, body: ControlRequest): Promise<ControlResult> {
  return postJson<ControlResult>(`/api/control${toQuery({ bench })}`, body)
}

/** `POST /api/scpi?bench=…`: reply (null for a command) and any queued errors. */
export function sendScpi(bench: string, instrument: InstrumentRole, command: string): Promise<ScpiExchange> {
  return postJson(`/api/scpi${toQuery({ bench })}`, { instrument, command })
}
