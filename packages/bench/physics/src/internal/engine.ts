import type { DutModel } from '../dut-model'
import type { PhysicsParams } from '../params'
import { KELVIN, SERIES_LIMIT, SocketState, THERMISTOR_RESYNC_MASK } from './socket-state'

/** Fixed-point convergence of the P ↔ T_j loop (docs/physics.md#self-heating-loop). */
const P_TOLERANCE = 1e-9
const MAX_ITERATIONS = 64
/** Tolerance when turning a time into whole steps, so 100 × 0.01 s is exactly 100 steps of 10 ms. */
const STEP_EPSILON = 1e-9

/** A supply channel's settings: voltage setpoint (V), current limit (A), output on. */
export interface SupplySettings {
  voltage: number
  limit: number
  on: boolean
}

/**
 * The coupled bench state and its fixed-step update: one chamber, one supply channel feeding every socket in
 * parallel, and the sockets (docs/physics.md#sockets). A plain class with numeric fields so the hot path
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

  // DUT thermal network (per socket: SocketState)
  private readonly aCase: number = 0
  private readonly thetaJc: number = 0
  private readonly thetaCa: number = 0
  /** dT_j/dP within one step: (1 − a)·θ_ca + θ_jc. */
  private readonly stepGain: number = 0
  private solveGain = 0
  /** Air temperature averaged over the present step. */
  private airMean = 0

  /** Supply channel 1's settings (it feeds every socket); channels 2 and 3 drive nothing and live in the facade. */
  readonly supply: SupplySettings = { voltage: 0, limit: 5, on: false }
  ccLatched = false
  /** Volts at every socket's input (0 when the supply is off or in CC collapse). */
  vin = 0
  /** Channel 1's output current: the sum of the socket input currents, A. */
  supplyCurrent = 0

  /** The board: socket 1 first. Never empty. */
  readonly sockets: readonly SocketState[]
  /** The sockets that hold a part, in order: the ones a step simulates. */
  private active: SocketState[] = []

  /** One socket per DUT in `duts` (socket 1 first). */
  constructor(physics: PhysicsParams, duts: readonly DutModel[]) {
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
    this.sockets = duts.map((dut, i) => new SocketState(i + 1, dut, this.ambient, thermistor))
    this.active = [...this.sockets]
    this.setpoint = this.rampTarget = this.air = this.ambient
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
    this.airMean = 0.5 * (before + this.air)
    this.solveGain = this.stepGain
    this.stepSockets()
    this.steps++
  }

  /** Re-solve the electrical state at the present temperatures without advancing time (after a setting changes). */
  refresh(): void {
    const sockets = this.active
    const n = sockets.length
    this.solveGain = this.thetaJc
    this.vin = this.supply.on && !this.ccLatched ? this.supply.voltage : 0
    let total = 0
    for (let k = 0; k < n; k++) {
      const s = sockets[k] as SocketState
      s.solveBase = s.caseT
      this.converge(s)
      total += s.op.iout + s.op.iq
    }
    if (this.vin > 0 && total > this.supply.limit) this.collapse()
    total = 0
    for (let k = 0; k < n; k++) {
      const s = sockets[k] as SocketState
      if (s.dut.settle(s.input)) this.converge(s)
      total += s.op.iout + s.op.iq
    }
    this.supplyCurrent = this.vin > 0 ? total : 0
  }

  /** Puts a part into `socket` or takes it out; an empty socket draws nothing and is left out of every step. */
  setOccupied(socket: SocketState, occupied: boolean): void {
    socket.occupied = occupied
    if (!occupied) {
      socket.input.vin = 0
      Object.assign(socket.op, { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 })
      socket.dut.resetState()
    }
    this.active = this.sockets.filter((s) => s.occupied)
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
   * One step of every occupied socket: solve P ↔ T_j (T_j = solveBase + P·solveGain) by fixed-point iteration,
   * apply the supply's CC rule to the sum of the socket input currents and each DUT's latches (re-solving after a
   * change), then move each case, thermistor and integral to the end of the step. `refresh` is the same solve
   * without the step.
   *
   * Written for V8: it is larger than V8's per-function inlining limit (460 bytes of bytecode), so it is compiled
   * as a unit of its own, and the thermistor update is written out rather than called, so that the DUT's `solve`
   * still fits the cumulative inlining budget (~920 bytes) of that unit. Rare branches (CC, a latch change) call.
   */
  private stepSockets(): void {
    const sockets = this.active
    const n = sockets.length
    const a = this.aCase
    const airMean = this.airMean
    this.vin = this.supply.on && !this.ccLatched ? this.supply.voltage : 0
    let total = 0
    for (let k = 0; k < n; k++) {
      const s = sockets[k] as SocketState
      s.solveBase = s.caseT * a + (1 - a) * airMean
      this.converge(s)
      total += s.op.iout + s.op.iq
    }
    // The sockets draw more than the channel's limit: CC (docs/physics.md#supply-current-limit).
    if (this.vin > 0 && total > this.supply.limit) this.collapse()
    total = 0
    const dt = this.dt
    const heat = 1 - a
    const thetaCa = this.thetaCa
    const steps = this.steps
    for (let k = 0; k < n; k++) {
      const s = sockets[k] as SocketState
      if (s.dut.settle(s.input)) this.converge(s)
      const op = s.op
      const iin = op.iout + op.iq
      total += iin
      const caseT = s.solveBase + op.pdiss * heat * thetaCa
      s.caseT = caseT
      // The thermistor (see SocketState): R·e^δ by its series, exactly every 4096 steps and after a larger move.
      const betaOverT = s.beta / (caseT + KELVIN)
      const d = betaOverT - s.betaOverT
      if ((steps & THERMISTOR_RESYNC_MASK) === 0 || d > SERIES_LIMIT || d < -SERIES_LIMIT) {
        s.thermistorR = s.thermistorAt(caseT)
      } else {
        s.thermistorR *= 1 + d * (1 + d * 0.5 * (1 + d * (1 / 3)))
      }
      s.betaOverT = betaOverT
      s.intVout += op.vout * dt
      s.intIout += op.iout * dt
      s.intIin += iin * dt
      s.intThermistor += s.thermistorR * dt
    }
    this.supplyCurrent = this.vin > 0 ? total : 0
  }

  /** Supply CC: the shared input collapses for every socket. */
  private collapse(): void {
    this.ccLatched = true
    this.vin = 0
    const sockets = this.active
    for (let k = 0; k < sockets.length; k++) this.converge(sockets[k] as SocketState)
  }

  private converge(s: SocketState): void {
    const dut = s.dut
    const input = s.input
    const op = s.op
    const base = s.solveBase
    const gain = this.solveGain
    input.vin = this.vin
    let p = op.pdiss
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      input.tj = base + p * gain
      dut.solve(input, op)
      const delta = op.pdiss - p
      p = op.pdiss
      if (delta < P_TOLERANCE && delta > -P_TOLERANCE) break
    }
    s.junctionT = input.tj = base + p * gain
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
    Object.assign(this.supply, { voltage: 0, limit: 5, on: false })
    this.ccLatched = false
    this.vin = this.supplyCurrent = 0
    for (const s of this.sockets) s.resetState(this.ambient)
  }
}
