import type { SimSpeed } from './speed'

/** Power-supply output mode, as `SIM:STATe?`, telemetry and `STAT:QUES:INST:ISUM<n>:COND?` report it. */
export const SUPPLY_MODES = Object.freeze(['CV', 'CC', 'OFF'] as const)
export type SupplyMode = (typeof SUPPLY_MODES)[number]

/** Operating state of a DUT. docs/physics.md#ldo-regulator */
export const DUT_STATES = Object.freeze(['on', 'off', 'shutdown', 'current_limit'] as const)
export type DutState = (typeof DUT_STATES)[number]

/** Electronic-load mode: constant current or constant resistance. */
export const LOAD_MODES = Object.freeze(['CC', 'CR'] as const)
export type LoadMode = (typeof LOAD_MODES)[number]

/** One socket of the DUT board at one instant (docs/scpi.md#telemetry): the top level's key names. */
export interface SocketSnapshot {
  /** The part's serial, `<lot name>-<index, 3 digits>`; empty for an empty socket. */
  serial: string
  case_c: number
  junction_c: number
  vin_v: number
  vout_v: number
  iout_a: number
  iq_a: number
  pdiss_w: number
  dut_state: DutState
}

/** Every key of a socket's entry in `sockets`, in the order docs/scpi.md#telemetry lists them. */
export const SOCKET_KEYS = Object.freeze([
  'serial',
  'case_c',
  'junction_c',
  'vin_v',
  'vout_v',
  'iout_a',
  'iq_a',
  'pdiss_w',
  'dut_state',
] as const satisfies readonly (keyof SocketSnapshot)[])

/**
 * The whole bench model at one instant: true values in SI units and °C. The DUT keys describe socket 1;
 * `sockets` has one entry per socket, socket 1 first.
 */
export interface BenchState {
  t_s: number
  setpoint_c: number
  ramp_c_per_min: number
  ramp_target_c: number
  chamber_c: number
  chamber_on: boolean
  stable: boolean
  case_c: number
  junction_c: number
  thermistor_ohm: number
  vin_v: number
  vout_v: number
  iout_a: number
  iq_a: number
  pdiss_w: number
  supply_mode: SupplyMode
  supply_v_set: number
  supply_i_limit: number
  load_mode: LoadMode
  load_on: boolean
  load_current_set_a: number
  load_resistance_ohm: number
  dut_state: DutState
  sockets: SocketSnapshot[]
}

/**
 * One line of the telemetry stream and the answer to `SIM:STATe?`: the bench state plus the clock's.
 * docs/scpi.md#telemetry
 */
export interface TelemetrySnapshot extends BenchState {
  speed: SimSpeed
  paused: boolean
}

/** A key of a telemetry line. */
export type TelemetryKey = keyof TelemetrySnapshot

/**
 * Every key a telemetry line and `SIM:STATe?` carry, in the order docs/scpi.md#telemetry lists them. The
 * `satisfies` clause keeps it to keys of {@link TelemetrySnapshot}; the protocol test checks it names them all.
 */
export const TELEMETRY_KEYS = Object.freeze([
  't_s',
  'speed',
  'paused',
  'setpoint_c',
  'ramp_c_per_min',
  'ramp_target_c',
  'chamber_c',
  'chamber_on',
  'stable',
  'case_c',
  'junction_c',
  'thermistor_ohm',
  'vin_v',
  'vout_v',
  'iout_a',
  'iq_a',
  'pdiss_w',
  'supply_mode',
  'supply_v_set',
  'supply_i_limit',
  'load_mode',
  'load_on',
  'load_current_set_a',
  'load_resistance_ohm',
  'dut_state',
  'sockets',
] as const satisfies readonly TelemetryKey[])
