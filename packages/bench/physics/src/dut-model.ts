import type { DutState, LoadMode } from '@dvt/protocol'

/** What the bench imposes on the DUT during one solve. Owned and mutated by the engine. */
export interface DutInput {
  /** Volts at the DUT input (0 when the supply is off or in CC collapse). */
  vin: number
  /** Junction temperature to solve at, °C (set by the engine's fixed-point loop). */
  tj: number
  loadMode: LoadMode
  loadOn: boolean
  /** CC setpoint, A. */
  loadCurrent: number
  /** CR setpoint, Ω. */
  loadResistance: number
}

/** The DUT's electrical operating point; written by `DutModel.solve`. */
export interface DutOperatingPoint {
  state: DutState
  vout: number
  /** Output (load) current, A. */
  iout: number
  /** Quiescent (ground) current, A; the DUT input current is `iout + iq`. */
  iq: number
  /** Dissipated power, W. */
  pdiss: number
}

/**
 * A device under test as the engine sees it. The engine owns the thermal network and the instruments;
 * a DUT only maps (input, junction temperature) → operating point and keeps its own protection latches.
 * Another DUT (a resistor network, a reference) implements this without touching the engine.
 */
export interface DutModel {
  /** `dut.model` name, e.g. `ldo`. */
  readonly kind: string
  /** Parameter names in their canonical (config, lower snake_case) spelling. */
  parameterNames(): readonly string[]
  /** Case-insensitive; throws `PhysicsError` `PHYSICS_UNKNOWN_PARAMETER`. */
  getParameter(name: string): number
  /** Case-insensitive; throws `PHYSICS_UNKNOWN_PARAMETER` or `PHYSICS_OUT_OF_RANGE` (nothing changes). */
  setParameter(name: string, value: number): void
  /** All parameters as a plain object (canonical names). */
  parameters(): Record<string, number>
  /** Back to the configured parameters. */
  resetParameters(): void
  /**
   * Another part in the socket: `parameters` (canonical names; missing ones keep the model's defaults) become
   * its configured parameters, and its latches are cleared. Throws `PhysicsError` (nothing changes) on a bad value.
   */
  load(parameters: Readonly<Record<string, number>>): void
  /** Forget latched states (power-on reset). */
  resetState(): void
  /**
   * Solve the operating point at junction temperature `input.tj` into `out` (including `out.pdiss`).
   * Called one or more times per step by the engine's fixed-point loop: must not allocate or change latches.
   * (Operands travel in objects, not as number arguments or results, so nothing is boxed per step.)
   */
  solve(input: DutInput, out: DutOperatingPoint): void
  /**
   * Update latched protection (e.g. thermal shutdown) from the converged junction temperature `input.tj`.
   * Returns true when the state changed, so the engine solves the step again.
   */
  settle(input: DutInput): boolean
}
