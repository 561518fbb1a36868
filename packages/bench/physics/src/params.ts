import type { LotParams } from './lot'

/**
 * Physics parameters. Keys mirror the `physics` section of config/default.yaml exactly (snake_case),
 * so the validated config section passes straight in.
 */
export interface PhysicsParams {
  /** Fixed step rate; `dt = 1 / update_rate_hz`. */
  update_rate_hz: number
  /** Seed of the one PRNG all instrument noise comes from. */
  seed: number
  /** Instrument noise on or off (ranges, overload and resolution apply either way). */
  noise: boolean
  thermal: {
    chamber_time_constant_s: number
    case_time_constant_s: number
    /** Junction to case, °C/W. */
    theta_jc: number
    /** Case to chamber air, °C/W. */
    theta_ca: number
  }
  chamber: {
    ramp_rate_c_per_min: number
    stability_window_c: number
    stability_time_s: number
    ambient_c: number
    min_setpoint_c: number
    max_setpoint_c: number
  }
  thermistor: { r25_ohm: number; beta_k: number }
}

/** LDO regulator parameters (the `dut.parameters` section when `dut.model` is `ldo`); docs/physics.md#ldo-regulator. */
export interface LdoParameters {
  nominal_output_voltage: number
  tempco_ppm_per_c: number
  quiescent_current_ua: number
  /** Relative change of I_q per °C. */
  quiescent_current_tempco: number
  /** Dropout at 300 K (26.85 °C); scales with (T/300 K)^dropout_temperature_exponent. */
  dropout_voltage: number
  /** How dropout rises with junction temperature: V_do ∝ (T/300 K)^n. */
  dropout_temperature_exponent: number
  line_regulation_pct_per_v: number
  load_regulation_ohm: number
  current_limit_a: number
  nominal_input_voltage: number
  uvlo_v: number
  thermal_shutdown_c: number
  thermal_shutdown_hysteresis_c: number
}

/** The `dut` config section. */
export interface DutParams {
  model: 'ldo'
  /** The nominal part; every member of the lot is drawn around it. */
  parameters: LdoParameters
  /** The lot the parts come from; absent or null: one nominal part per socket, lot `LOT`. */
  lot?: LotParams | null
}

/** The `bench` config section: the DUT board in the chamber. */
export interface BoardParams {
  /** Sockets on the board, 1 … 16 (docs/physics.md#sockets). */
  sockets: number
}

/** Everything `createBenchModel` needs: the `physics`, `dut` and `bench` config sections. */
export interface BenchModelParams {
  physics: PhysicsParams
  dut: DutParams
  bench?: BoardParams
}

/** Defaults of docs/physics.md#physics-section (the same as config/default.yaml). */
export const DEFAULT_PHYSICS_PARAMS: PhysicsParams = Object.freeze({
  update_rate_hz: 100,
  seed: 1,
  noise: true,
  thermal: Object.freeze({ chamber_time_constant_s: 30, case_time_constant_s: 5, theta_jc: 15, theta_ca: 5 }),
  chamber: Object.freeze({
    ramp_rate_c_per_min: 10,
    stability_window_c: 0.5,
    stability_time_s: 30,
    ambient_c: 25,
    min_setpoint_c: -75,
    max_setpoint_c: 200,
  }),
  thermistor: Object.freeze({ r25_ohm: 10_000, beta_k: 3950 }),
})

/** Defaults of docs/physics.md#dut-section. */
export const DEFAULT_LDO_PARAMETERS: LdoParameters = Object.freeze({
  nominal_output_voltage: 3.3,
  tempco_ppm_per_c: 50,
  quiescent_current_ua: 50,
  quiescent_current_tempco: 0.003,
  dropout_voltage: 0.3,
  dropout_temperature_exponent: 1.5,
  line_regulation_pct_per_v: 0.01,
  load_regulation_ohm: 0.05,
  current_limit_a: 0.6,
  nominal_input_voltage: 5.0,
  uvlo_v: 1.5,
  thermal_shutdown_c: 165,
  thermal_shutdown_hysteresis_c: 15,
})

/** Default `bench` section: one socket. */
export const DEFAULT_BOARD_PARAMS: BoardParams = Object.freeze({ sockets: 1 })

/** Default `dut` section: the LDO with its default parameters. */
export const DEFAULT_DUT_PARAMS: DutParams = Object.freeze({ model: 'ldo', parameters: DEFAULT_LDO_PARAMETERS })
