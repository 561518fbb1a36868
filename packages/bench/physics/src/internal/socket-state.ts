import type { DutInput, DutModel, DutOperatingPoint } from '../dut-model'

export const KELVIN = 273.15
const INV_T25 = 1 / (25 + KELVIN)
/** Below this |Δ(β/T)| per step the thermistor is updated by a series for e^δ instead of `Math.exp`. */
export const SERIES_LIMIT = 1e-4
/** Every this many steps the thermistor is recomputed exactly, so series rounding cannot accumulate. */
export const THERMISTOR_RESYNC_MASK = 4095

/**
 * One socket of the DUT board: the part in it, its own case/junction network, the NTC bonded to its case and
 * the running integrals the multimeter and the DAQ average. Like the engine, a plain class of numeric fields
 * with numeric initialisers, so the engine's loop over the sockets stays monomorphic and allocation-free.
 */
export class SocketState {
  /** 1-based socket number. */
  readonly index: number = 0
  /** The part in the socket; replaced when a board is swapped (`SIM:LOT:LOAD`). Every socket holds the same class. */
  dut: DutModel
  /** False when the handler left the socket empty (the lot ran out): it draws nothing. */
  occupied = true
  readonly input: DutInput
  readonly op: DutOperatingPoint = { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 }
  caseT = 0
  junctionT = 0
  /** Case at the end of the step without self-heating (the fixed point's T_j = solveBase + P·gain). */
  solveBase = 0
  thermistorR = 0
  /** β/T_case (1/K·K) the thermistor value was last computed at. */
  betaOverT = 0
  readonly r25: number = 0
  readonly beta: number = 0
  intVout = 0
  intIout = 0
  /** ∫ input current (I_out + I_q) dt: what the socket's current-sense shunt integrates. */
  intIin = 0
  intThermistor = 0

  constructor(index: number, dut: DutModel, ambient: number, thermistor: { r25_ohm: number; beta_k: number }) {
    this.index = index
    this.dut = dut
    this.r25 = thermistor.r25_ohm
    this.beta = thermistor.beta_k
    this.input = { vin: 0, tj: 25, loadMode: 'CC', loadOn: false, loadCurrent: 0, loadResistance: 1000 }
    this.resetState(ambient)
  }

  /** Power-on: case and junction at ambient, load at its `*RST` settings, integrals cleared. */
  resetState(ambient: number): void {
    this.caseT = this.junctionT = ambient
    Object.assign(this.input, {
      vin: 0,
      tj: ambient,
      loadMode: 'CC',
      loadOn: false,
      loadCurrent: 0,
      loadResistance: 1000,
    })
    Object.assign(this.op, { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 })
    this.thermistorR = this.thermistorAt(this.caseT)
    this.intVout = this.intIout = this.intIin = this.intThermistor = 0
    this.dut.resetState()
  }

  // The thermistor's per-step update lives in Engine.stepSockets (written out there for V8's inliner):
  // R = R25·exp(β/T − β/T25). The case moves by micro-kelvins per step, so R is carried forward as R·e^δ with
  // δ = Δ(β/T) and e^δ from its series (exact to rounding for |δ| < 1e-4; `Math.exp` costs more than the rest of
  // the step), and recomputed exactly every 4096 steps and after any larger move.

  /** NTC β model: R = R25·exp(β·(1/T − 1/298.15 K)). */
  thermistorAt(caseC: number): number {
    this.betaOverT = this.beta / (caseC + KELVIN)
    return this.r25 * Math.exp(this.betaOverT - this.beta * INV_T25)
  }
}
