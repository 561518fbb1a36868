/** A telemetry snapshot (keys in instruments.md; numbers in SI units and °C). */
export interface Telemetry {
  t_s: number
  speed: number | 'max' | string
  paused: boolean
  setpoint_c: number
  ramp_c_per_min: number
  chamber_c: number
  stable: boolean
  case_c: number
  junction_c: number
  vin_v: number
  vout_v: number
  iout_a: number
  iq_a: number
  pdiss_w: number
  supply_mode: 'CV' | 'CC' | 'OFF'
  load_on: boolean
  dut_state: 'on' | 'off' | 'shutdown' | 'current_limit'
  [key: string]: unknown
}

/** A framework run event as the server forwards it (`{type:'run', event}`). */
export interface RunEvent {
  type: string
  runId?: string
  [key: string]: unknown
}

/** Messages of `/api/ws`. */
export type ServerMessage =
  | { type: 'telemetry'; t: number; data: Telemetry }
  | { type: 'sim'; connected: boolean }
  | { type: 'run'; event: RunEvent }

/** One measurement row as the web app uses it (from Arrow, or from a live run event). */
export interface MeasurementPoint {
  simTime: number
  parameter: string
  value: number
  unit: string
  temperature: number | null
  inputVoltage: number | null
  loadCurrent: number | null
}
