import { postJson } from '../../../lib/api-client'

export type InstrumentName = 'chamber' | 'supply' | 'dmm' | 'load' | 'sim'

export interface ControlBody {
  setpoint_c?: number
  ramp_c_per_min?: number
  supply_v?: number
  supply_on?: boolean
  load_a?: number
  load_on?: boolean
  speed?: number | 'max'
  paused?: boolean
}

export interface ScpiErrorEntry {
  code: number | null
  message: string
}

export interface ControlResult {
  sent: Array<{ instrument: InstrumentName; command: string }>
  errors: Array<ScpiErrorEntry & { instrument: InstrumentName }>
}

/** `POST /api/control`. */
export function applyControl(body: ControlBody): Promise<ControlResult> {
  return postJson<ControlResult>('/api/control', body)
}

/** `POST /api/scpi`: reply (null for a command) and any queued errors. */
export function sendScpi(
  instrument: InstrumentName,
  command: string,
): Promise<{ reply: string | null; errors: ScpiErrorEntry[] }> {
  return postJson('/api/scpi', { instrument, command })
}
