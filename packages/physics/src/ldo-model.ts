import type { DutInput, DutModel, DutOperatingPoint } from './dut-model'
import type { LdoParameters } from './params'
import { DEFAULT_LDO_PARAMETERS } from './params'
import { PhysicsError } from './physics-error'

/** Minimum output voltage for the electronic load to draw its CC setpoint (physics.md §5). */
export const LOAD_MIN_VOLTAGE = 0.2

type LdoKey = keyof LdoParameters
const NAMES = Object.keys(DEFAULT_LDO_PARAMETERS) as LdoKey[]
const NON_NEGATIVE = new Set<LdoKey>([
  'quiescent_current_ua',
  'dropout_voltage',
  'load_regulation_ohm',
  'uvlo_v',
  'thermal_shutdown_hysteresis_c',
])
const POSITIVE = new Set<LdoKey>(['nominal_output_voltage', 'current_limit_a', 'nominal_input_voltage'])

function canonical(name: string): LdoKey {
  const key = name.trim().toLowerCase()
  if (!(NAMES as string[]).includes(key)) {
    throw new PhysicsError(
      'PHYSICS_UNKNOWN_PARAMETER',
      `unknown LDO parameter "${name}"; known: ${NAMES.map((n) => n.toUpperCase()).join(', ')}`,
    )
  }
  return key as LdoKey
}

function checkValue(key: LdoKey, value: number): void {
  const bad = !Number.isFinite(value) || (NON_NEGATIVE.has(key) && value < 0) || (POSITIVE.has(key) && value <= 0)
  if (bad) {
    const rule = POSITIVE.has(key) ? 'a positive number' : NON_NEGATIVE.has(key) ? 'a number ≥ 0' : 'a finite number'
    throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `${key.toUpperCase()} must be ${rule}, got ${value}`)
  }
}

/** The LDO regulator of physics.md §4. Derived constants are cached so `solve` is a few flops. */
class LdoModel implements DutModel {
  readonly kind = 'ldo'
  private readonly configured: LdoParameters
  private p: LdoParameters
  private shutdown = false
  private powered = false
  // Derived from `p` by `derive()`.
  private iq25 = 0
  private tcScale = 0
  private lineScale = 0

  constructor(parameters: Partial<LdoParameters>) {
    const merged = { ...DEFAULT_LDO_PARAMETERS, ...parameters }
    for (const key of NAMES) checkValue(key, merged[key])
    this.configured = Object.freeze(merged)
    this.p = { ...merged }
    this.derive()
  }

  parameterNames(): readonly string[] {
    return NAMES
  }

  getParameter(name: string): number {
    return this.p[canonical(name)]
  }

  setParameter(name: string, value: number): void {
    const key = canonical(name)
    checkValue(key, value)
    this.p[key] = value
    this.derive()
  }

  parameters(): Record<string, number> {
    return { ...this.p }
  }

  resetParameters(): void {
    this.p = { ...this.configured }
    this.derive()
  }

  resetState(): void {
    this.shutdown = false
    this.powered = false
  }

  solve(input: DutInput, out: DutOperatingPoint): void {
    const p = this.p
    const vin = input.vin
    const tj = input.tj
    this.powered = vin >= p.uvlo_v && vin > 0
    if (!this.powered || this.shutdown) {
      off(out, this.powered ? 'shutdown' : 'off')
      return
    }
    const dT = tj - 25
    const iqRaw = this.iq25 * (1 + p.quiescent_current_tempco * dT)
    const iq = Math.max(iqRaw, 0)
    const x = (tj + 273.15) / 300
    const vdo = p.dropout_voltage * x * Math.sqrt(x)
    const headroom = vin - vdo
    const vmax = Math.max(headroom, 0)
    const v0 =
      p.nominal_output_voltage * (1 + this.tcScale * dT) * (1 + this.lineScale * (vin - p.nominal_input_voltage))
    const rl = p.load_regulation_ohm
    let vout: number
    let iout: number
    if (!input.loadOn) {
      iout = 0
      vout = Math.min(v0, vmax)
    } else if (input.loadMode === 'CC') {
      iout = input.loadCurrent
      if (iout > p.current_limit_a) {
        this.collapse(vin, iq, out)
        return
      }
      const v = v0 - rl * iout
      vout = Math.min(v, vmax)
      if (vout < LOAD_MIN_VOLTAGE) {
        iout = 0
        vout = Math.min(v0, vmax)
      }
    } else {
      // CR: V = V0 − R_lr·I and I = V/R together give I = V0/(R + R_lr); the dropout clamp then rules.
      const r = input.loadResistance
      iout = v0 / (r + rl)
      vout = r * iout
      if (vout > vmax) {
        vout = vmax
        iout = vmax / r
      }
      if (iout > p.current_limit_a) {
        this.collapse(vin, iq, out)
        return
      }
    }
    out.state = 'on'
    out.vout = vout
    out.iout = iout
    out.iq = iq
    out.pdiss = (vin - vout) * iout + vin * iq
  }

  settle(input: DutInput): boolean {
    const tj = input.tj
    if (!this.powered) {
      const was = this.shutdown
      this.shutdown = false
      return was
    }
    if (!this.shutdown && tj >= this.p.thermal_shutdown_c) {
      this.shutdown = true
      return true
    }
    if (this.shutdown && tj < this.p.thermal_shutdown_c - this.p.thermal_shutdown_hysteresis_c) {
      this.shutdown = false
      return true
    }
    return false
  }

  /** Demand above the limit: the output folds to 0 V while the limit current flows (physics.md §4). */
  private collapse(vin: number, iq: number, out: DutOperatingPoint): void {
    const ilim = this.p.current_limit_a
    out.state = 'current_limit'
    out.vout = 0
    out.iout = ilim
    out.iq = iq
    out.pdiss = vin * ilim + vin * iq
  }

  private derive(): void {
    this.iq25 = this.p.quiescent_current_ua * 1e-6
    this.tcScale = this.p.tempco_ppm_per_c * 1e-6
    this.lineScale = this.p.line_regulation_pct_per_v / 100
  }
}

function off(out: DutOperatingPoint, state: 'off' | 'shutdown'): void {
  out.state = state
  out.vout = 0
  out.iout = 0
  out.iq = 0
  out.pdiss = 0
}

/** Create the LDO DUT model; missing parameters take the physics.md §4 defaults. */
export function createLdoModel(parameters: Partial<LdoParameters> = {}): DutModel {
  return new LdoModel(parameters)
}
