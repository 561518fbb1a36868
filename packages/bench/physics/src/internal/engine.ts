import type { DutInput, DutModel, DutOperatingPoint } from '../dut-model'
import type { PhysicsParams } from '../params'

const KELVIN = 273.15
const INV_T25 = 1 / (25 + KELVIN)
/** Fixed-point convergence of the P ↔ T_j loop (docs/physics.md#self-heating-loop). */
const P_TOLERANCE = 1e-9
const MAX_ITERATIONS = 64
/** Below this |Δ(β/T)| per step the thermistor is updated by a series for e^δ instead of `Math.exp`. */
const SERIES_LIMIT = 1e-4
/** Every this many steps the thermistor is recomputed exactly, so series rounding cannot accumulate. */
const THERMISTOR_RESYNC_MASK = 4095
/** Tolerance when turning a time into whole steps, so 100 × 0.01 s is exactly 100 steps of 10 ms. */
const STEP_EPSILON = 1e-9

/** A supply channel's settings: voltage setpoint (V), current limit (A), output on. */
export interface SupplySettings {
  voltage: number
  limit: number
  on: boolean
}

/**
 * The coupled bench state and its fixed-step update. A plain class with numeric fields so the hot path
 * (`step`) stays monomorphic, allocation-free and closure-free; validation lives in the facade.
 * Every numeric field has a numeric initialiser: a field that starts out `undefined` gets V8's tagged
 * representation, and then every double written to it allocates a heap number (2–3× slower steps).
 */
export class Engine {
  readonly dt: number = 0
  readonly rateHz: number = 0
  steps = 0
  /** Fraction of a step requested by `advance` but not yet simulated. */
  remainder = 0

  // Chamber
  setpoint: number = 0
  rampTarget: number = 0
  air: number = 0
  enabled = true
  rampRate = 0
  window = 0
  stabilityTime = 0
  stableSteps = 0
  private requiredStableSteps = 0
  readonly ambient: number = 0
  private readonly tauChamber: number = 0
  private readonly aChamber: number = 0
  private rampPerStep = 0
  private rampPerSecond = 0
  private slopeTau = 0

  // DUT thermal network
  caseT: number = 0
  junctionT: number = 0
  private readonly aCase: number = 0
  private readonly thetaJc: number = 0
  private readonly thetaCa: number = 0
  /** dT_j/dP within one step: (1 − a)·θ_ca + θ_jc. */
  private readonly stepGain: number = 0
  private solveBase = 0
  private solveGain = 0

  /** Supply channel 1's settings (it feeds the DUT); channels 2 and 3 drive nothing and live in the facade. */
  readonly supply: SupplySettings = { voltage: 0, limit: 5, on: false }
  ccLatched = false

  readonly dut: DutModel
  readonly input: DutInput = { vin: 0, tj: 25, loadMode: 'CC', loadOn: false, loadCurrent: 0, loadResistance: 1000 }
  readonly op: DutOperatingPoint = { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 }

  // Thermistor and integrals
  private readonly r25: number = 0
  private readonly beta: number = 0
  thermistorR: number = 0
  /** β/T_case (1/K·K) the thermistor value was last computed at. */
  private betaOverT = 0
  intVout = 0
  intIout = 0
  intThermistor = 0

  constructor(physics: PhysicsParams, dut: DutModel) {
    this.rateHz = physics.update_rate_hz
    this.dt = 1 / this.rateHz
    const { thermal, chamber, thermistor } = physics
    this.ambient = chamber.ambient_c
    this.tauChamber = thermal.chamber_time_constant_s
    this.aChamber = Math.exp(-this.dt / this.tauChamber)
    this.aCase = Math.exp(-this.dt / thermal.case_time_constant_s)
    this.thetaJc = thermal.theta_jc
    this.thetaCa = thermal.theta_ca
    this.stepGain = (1 - this.aCase) * this.thetaCa + this.thetaJc
    this.r25 = thermistor.r25_ohm
    this.beta = thermistor.beta_k
    this.dut = dut
    this.setpoint = this.rampTarget = this.air = this.ambient
    this.caseT = this.junctionT = this.ambient
    this.thermistorR = this.thermistorAt(this.caseT)
    this.setRampRate(chamber.ramp_rate_c_per_min)
    this.window = chamber.stability_window_c
    this.setStabilityTime(chamber.stability_time_s)
  }

  get time(): number {
    return this.steps * this.dt
  }

  setRampRate(cPerMin: number): void {
    this.rampRate = cPerMin
    this.rampPerSecond = cPerMin / 60
    this.rampPerStep = this.rampPerSecond * this.dt
    this.slopeTau = this.rampPerSecond * this.tauChamber
  }

  setStabilityTime(seconds: number): void {
    this.stabilityTime = seconds
    this.requiredStableSteps = Math.ceil(seconds * this.rateHz - STEP_EPSILON)
  }

  get stable(): boolean {
    return this.stableSteps > 0 && this.stableSteps >= this.requiredStableSteps
  }

  /** Simulate `seconds`, in whole steps; the fraction left over is carried to the next call. */
  advance(seconds: number): void {
    const wanted = this.remainder + seconds * this.rateHz
    const n = Math.floor(wanted + STEP_EPSILON)
    const rest = wanted - n
    this.remainder = rest > STEP_EPSILON ? rest : 0
    for (let i = 0; i < n; i++) this.step()
  }

  // Hot path: no doubles cross a call boundary (a non-inlined call would box them on the heap);
  // the operands travel in fields instead.
  step(): void {
    const before = this.air
    this.stepChamber()
    // The case sees the air averaged over the step (second-order accurate hold of a moving input).
    const airMean = 0.5 * (before + this.air)
    const a = this.aCase
    const base = this.caseT * a + (1 - a) * airMean
    this.solveBase = base
    this.solveGain = this.stepGain
    this.solveOperatingPoint()
    const op = this.op
    this.caseT = base + op.pdiss * (1 - a) * this.thetaCa
    this.updateThermistor()
    const dt = this.dt
    this.intVout += op.vout * dt
    this.intIout += op.iout * dt
    this.intThermistor += this.thermistorR * dt
    this.steps++
  }

  /** Re-solve the electrical state at the present temperatures without advancing time (after a setting changes). */
  refresh(): void {
    this.solveBase = this.caseT
    this.solveGain = this.thetaJc
    this.solveOperatingPoint()
  }

  private stepChamber(): void {
    if (!this.enabled) {
      this.rampTarget = this.ambient
      this.air = this.ambient + (this.air - this.ambient) * this.aChamber
      this.stableSteps = 0
      return
    }
    const target = this.setpoint
    const r = this.rampTarget
    const diff = target - r
    if (diff === 0) {
      this.air = r + (this.air - r) * this.aChamber
    } else if (diff > this.rampPerStep || diff < -this.rampPerStep) {
      // Exact solution over the step of a first-order lag driven by a ramp r(t) = r + s·t:
      // x(h) = r(h) − s·τ + (x0 − r + s·τ)·e^(−h/τ).
      const sTau = diff > 0 ? this.slopeTau : -this.slopeTau
      const r1 = diff > 0 ? r + this.rampPerStep : r - this.rampPerStep
      this.air = r1 - sTau + (this.air - r + sTau) * this.aChamber
      this.rampTarget = r1
    } else {
      this.finishRamp(target, diff)
    }
    const off = this.air - target
    if (this.rampTarget === target && off <= this.window && off >= -this.window) this.stableSteps++
    else this.stableSteps = 0
  }

  /** The ramp reaches the target inside this step: ramp for h1, then hold for dt − h1, both exactly. */
  private finishRamp(target: number, diff: number): void {
    const tau = this.tauChamber
    const h1 = this.rampPerSecond > 0 ? Math.abs(diff) / this.rampPerSecond : 0
    const sTau = diff > 0 ? this.slopeTau : -this.slopeTau
    const x1 = target - sTau + (this.air - this.rampTarget + sTau) * Math.exp(-h1 / tau)
    this.air = target + (x1 - target) * Math.exp(-(this.dt - h1) / tau)
    this.rampTarget = target
  }

  /**
   * Solve P ↔ T_j (T_j = solveBase + P·solveGain) by fixed-point iteration, then apply the supply's CC rule
   * and the DUT's latches, re-solving after a change. Leaves `op`, `junctionT` and `input.tj` consistent.
   */
  private solveOperatingPoint(): void {
    const input = this.input
    input.vin = this.supply.on && !this.ccLatched ? this.supply.voltage : 0
    this.converge()
    if (input.vin > 0 && this.op.iout + this.op.iq > this.supply.limit) {
      // The DUT draws more than the channel's limit: CC, and its input collapses (docs/physics.md#supply-current-limit).
      this.ccLatched = true
      input.vin = 0
      this.converge()
    }
    if (this.dut.settle(input)) this.converge()
  }

  private converge(): void {
    const dut = this.dut
    const input = this.input
    const op = this.op
    const base = this.solveBase
    const gain = this.solveGain
    let p = op.pdiss
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      input.tj = base + p * gain
      dut.solve(input, op)
      const delta = op.pdiss - p
      p = op.pdiss
      if (delta < P_TOLERANCE && delta > -P_TOLERANCE) break
    }
    this.junctionT = input.tj = base + p * gain
  }

  /**
   * R = R25·exp(β/T − β/T25). The case moves by micro-kelvins per step, so R is carried forward as
   * R·e^δ with δ = Δ(β/T) and e^δ from its series (exact to rounding for |δ| < 1e-4; `Math.exp` costs
   * more than the rest of the step), and recomputed exactly every 4096 steps and after any larger move.
   */
  private updateThermistor(): void {
    const betaOverT = this.beta / (this.caseT + KELVIN)
    const d = betaOverT - this.betaOverT
    if ((this.steps & THERMISTOR_RESYNC_MASK) === 0 || d > SERIES_LIMIT || d < -SERIES_LIMIT) {
      this.thermistorR = this.thermistorAt(this.caseT)
    } else {
      this.thermistorR *= 1 + d * (1 + d * 0.5 * (1 + d * (1 / 3)))
    }
    this.betaOverT = betaOverT
  }

  /** NTC β model: R = R25·exp(β·(1/T − 1/298.15 K)). */
  thermistorAt(caseC: number): number {
    this.betaOverT = this.beta / (caseC + KELVIN)
    return this.r25 * Math.exp(this.betaOverT - this.beta * INV_T25)
  }

  /** Back to the power-on state (settings the facade owns are reset by the facade). */
  resetState(physics: PhysicsParams): void {
    this.steps = 0
    this.remainder = 0
    this.setpoint = this.rampTarget = this.air = this.ambient
    this.enabled = true
    this.setRampRate(physics.chamber.ramp_rate_c_per_min)
    this.window = physics.chamber.stability_window_c
    this.setStabilityTime(physics.chamber.stability_time_s)
    this.stableSteps = 0
    this.caseT = this.junctionT = this.ambient
    Object.assign(this.supply, { voltage: 0, limit: 5, on: false })
    this.ccLatched = false
    Object.assign(this.input, {
      vin: 0,
      tj: this.ambient,
      loadMode: 'CC',
      loadOn: false,
      loadCurrent: 0,
      loadResistance: 1000,
    })
    Object.assign(this.op, { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 })
    this.thermistorR = this.thermistorAt(this.caseT)
    this.intVout = this.intIout = this.intThermistor = 0
    this.dut.resetState()
  }
}
