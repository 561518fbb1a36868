import type { DutState, LoadMode, SupplyMode } from '@dvt/protocol'
import type { DutModel } from './dut-model'
import type { LotParams } from './lot'

/** Thermal chamber (docs/physics.md#thermal-chamber). Setters validate and throw `PhysicsError`; on error nothing changes. */
export interface ChamberControl {
  /** Setpoint S, °C; outside [lowerLimit, upperLimit] → `PHYSICS_OUT_OF_RANGE`. A new value restarts `stable`. */
  setpoint: number
  /** Ramp rate limit of the internal target, °C/min (> 0). */
  rampRate: number
  /** Stability window, ± °C (> 0). */
  stabilityWindow: number
  /** How long the air must stay in the window, s (≥ 0). */
  stabilityTime: number
  /** Air flow on (FLOW 1). Off: the air relaxes to ambient and the chamber is never stable. */
  enabled: boolean
  /** User setpoint limits (LLIM/ULIM), within the configured min/max setpoint. */
  lowerLimit: number
  upperLimit: number
  /** True air temperature T_ch, °C. */
  readonly temperature: number
  /** The controller's internal ramp target R, °C. */
  readonly rampTarget: number
  /** Within the window continuously for the stability time, and R = S. */
  readonly stable: boolean
  /** Seconds the stability condition has held so far. */
  readonly stableFor: number
}

/** One power-supply channel. Setpoints are rounded to 1 mV / 1 mA. */
export interface SupplyChannel {
  readonly index: 1 | 2 | 3
  /** Voltage setpoint, V. */
  voltageSetpoint: number
  /** Current limit, A (≥ 0). */
  currentLimit: number
  output: boolean
  readonly mode: SupplyMode
  /** True output voltage, V. */
  readonly voltage: number
  /** True output current, A. */
  readonly current: number
}

/** Power supply: channel 1 (P6V) feeds the DUT; 2 (P25V) and 3 (N25V) drive nothing. */
export interface SupplyControl {
  readonly channels: readonly [SupplyChannel, SupplyChannel, SupplyChannel]
  /** Channel 1, 2 or 3; anything else → `PHYSICS_OUT_OF_RANGE`. */
  channel(index: number): SupplyChannel
}

/** Electronic load (docs/physics.md#electronic-load). */
export interface LoadControl {
  mode: LoadMode
  /** CC setpoint, A (≥ 0). */
  currentSetpoint: number
  /** CR setpoint, Ω (> 0). */
  resistance: number
  /** Input on. */
  input: boolean
  /** True terminal voltage (= DUT V_out), V. */
  readonly voltage: number
  /** True current drawn, A. */
  readonly current: number
  /** True power absorbed, W. */
  readonly power: number
}

/** The DUT as the bench sees it: its parameters plus its operating point and temperatures. */
export interface DutControl {
  /** The pluggable model behind it. */
  readonly model: DutModel
  /** Case-insensitive (`TEMPCO_PPM_PER_C`); unknown → `PHYSICS_UNKNOWN_PARAMETER`. */
  getParameter(name: string): number
  /** Case-insensitive; takes effect at once (the operating point is re-solved). */
  setParameter(name: string, value: number): void
  readonly state: DutState
  readonly vin: number
  readonly vout: number
  readonly iout: number
  readonly iq: number
  readonly pdiss: number
  readonly caseTemperature: number
  readonly junctionTemperature: number
}

/** The NTC thermistor bonded to the case. */
export interface ThermistorControl {
  /** True resistance, Ω. */
  readonly resistance: number
}

/** Quantities whose running integral over simulated time the model keeps per socket (for instrument averaging). */
export type IntegralName = 'vout' | 'iout' | 'iin' | 'thermistor'

/**
 * One socket of the DUT board (docs/physics.md#sockets): the part in it, its load channel, its case NTC and the
 * running integrals the multimeter (socket 1) and the switch/measure unit average.
 */
export interface SocketControl {
  /** 1-based. */
  readonly index: number
  /** The lot member in the socket (1-based), or 0 when the socket is empty. */
  readonly dutIndex: number
  /** The part's serial, `<lot name>-<index, 3 digits>`; empty for an empty socket. */
  readonly serial: string
  readonly occupied: boolean
  /** The socket's electronic-load channel. */
  readonly load: LoadControl
  readonly dut: DutControl
  readonly thermistor: ThermistorControl
  /** ∫ quantity dt since power-on (V·s, A·s, Ω·s); `iin` is the input current I_out + I_q. */
  integral(name: IntegralName): number
  /** The present true value of an integrated quantity. */
  quantity(name: IntegralName): number
}

/** The lot the board's parts come from, and the handler that puts a board of them into the sockets. */
export interface LotControl {
  readonly name: string
  readonly seed: number
  /** Members: the sampled DUTs, then one per corner. */
  readonly size: number
  /** Corner names in order; they are the last members of the lot. */
  readonly corners: readonly string[]
  /** The member in socket 1 (the board starts there); sockets hold first … first + N − 1. */
  readonly first: number
  /** `<name>-<index, 3 digits>` of member `index`. */
  serial(index: number): string
  /** The truth of member `index` (its sampled or corner parameters); `PHYSICS_OUT_OF_RANGE` outside the lot. */
  parameters(index: number): Record<string, number>
  /**
   * Swap the board: members first … first + N − 1 into the N sockets (sockets past the end of the lot stay
   * empty), each with its truth and no latched state; the operating point is solved again at once.
   */
  load(first: number): void
  /** The parameters the lot was drawn with (the configured `dut.lot`, or the last `define`). */
  readonly definition: LotParams
  /**
   * Replace the lot by one drawn from `params` (checked like the configured one: a bad lot changes nothing) and load
   * its first board; `null` goes back to the configured lot.
   */
  define(params: LotParams | null): void
}
