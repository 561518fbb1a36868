import { createLdoModel, type DutInput, type DutOperatingPoint, type LdoParameters } from '@dvt/physics'
import type { Condition, TwinData } from './twin-observations'

/**
 * A candidate part: the LDO's parameters (the simulator's own model, so the twin is exactly what `dvt serve` hosts)
 * and the thermal path from junction to chamber air (docs/physics.md#dut-thermal-network).
 */
export interface TwinCandidate {
  ldo: LdoParameters
  /** θ_jc + θ_ca, °C/W. */
  theta: number
  thetaCa: number
  /** τ of the case, s. */
  caseTimeConstant: number
}

/** Longest step of the case's first-order lag (each step is its exact solution for the power held over it). */
const MAX_STEP_S = 5
const SELF_HEATING_TOLERANCE_W = 1e-11

/**
 * What the candidate predicts for every observation of `data`: steady readings at T_j = T_air + P·(θ_jc + θ_ca), and
 * sequences followed through time — the case lags the power with τ_case, the junction sits P·θ_jc above it — with
 * each reading taken in the middle of its integration window. `offsets` are added to the readings that name one.
 * Throws the physics package's error for a parameter value the LDO refuses.
 */
export function predictObservations(candidate: TwinCandidate, data: TwinData, offsets: readonly number[]): number[] {
  const dut = createLdoModel(candidate.ldo)
  const thetaJc = candidate.theta - candidate.thetaCa
  const input: DutInput = { vin: 0, tj: 25, loadMode: 'CC', loadOn: false, loadCurrent: 0, loadResistance: 1000 }
  const op: DutOperatingPoint = { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 }
  const set = (c: Pick<Condition, 'vin' | 'load'>) => {
    input.vin = c.vin
    input.loadOn = c.load > 0
    input.loadCurrent = c.load
  }
  /** T_j = base + P(T_j)·gain by fixed-point iteration (the loop gain is small: a few rounds). */
  const selfHeat = (base: number, gain: number): void => {
    input.tj = base + op.pdiss * gain
    for (let i = 0; i < 100; i++) {
      const previous = op.pdiss
      dut.solve(input, op)
      input.tj = base + op.pdiss * gain
      if (Math.abs(op.pdiss - previous) < SELF_HEATING_TOLERANCE_W) break
    }
  }
  /** The steady state at a condition; returns the case temperature. */
  const steady = (c: Condition): number => {
    set(c)
    selfHeat(c.temperature, candidate.theta)
    return c.temperature + op.pdiss * candidate.thetaCa
  }
  /** Advances the case by `seconds` in air at `air`; returns the new case temperature. */
  const advance = (caseTemperature: number, air: number, seconds: number): number => {
    let tc = caseTemperature
    const steps = Math.max(1, Math.ceil(seconds / MAX_STEP_S))
    const a = Math.exp(-seconds / steps / candidate.caseTimeConstant)
    for (let i = 0; i < steps; i++) {
      const base = a * tc + (1 - a) * air
      selfHeat(base, (1 - a) * candidate.thetaCa + thetaJc)
      tc = base + op.pdiss * (1 - a) * candidate.thetaCa
    }
    return tc
  }
  /** V_out at the present state with the junction moved by `shift` °C (a chamber reading off the air). */
  const voutShifted = (shift: number): number => {
    if (shift === 0) return op.vout
    input.tj += shift
    dut.solve(input, op)
    const vout = op.vout
    input.tj -= shift
    dut.solve(input, op)
    return vout
  }

  const sums = new Array<number>(data.observations.length).fill(0)
  const counts = new Array<number>(data.observations.length).fill(0)
  for (const { condition, quantity, observation } of data.steady) {
    steady(condition)
    sums[observation] = quantity === 'iq' ? op.iq : op.vout
    counts[observation] = 1
  }
  for (const { start, segments } of data.sequences) {
    const air = start.temperature
    let tc = steady(start)
    // Time spent at the present setting and not yet simulated: consecutive readings at one setting cost one advance.
    let pending = 0
    let setting = start as Pick<Condition, 'vin' | 'load'>
    for (const segment of segments) {
      if (segment.vin !== setting.vin || segment.load !== setting.load) {
        tc = advance(tc, air, pending)
        pending = 0
        setting = segment
        set(segment)
      }
      pending += segment.holdS + segment.windowS / 2
      const reading = segment.reading
      if (reading) {
        tc = advance(tc, air, pending)
        pending = 0
        const vout = voutShifted(reading.temperature - air)
        const value = reading.quantity === 'dropout' ? segment.vin - vout : vout
        sums[reading.observation]! += value + (reading.offset === null ? 0 : offsets[reading.offset]!)
        counts[reading.observation]!++
      }
      pending += segment.windowS / 2
    }
  }
  return sums.map((s, i) => s / counts[i]!)
}
