import type { DutInput, DutModel, DutOperatingPoint } from './dut-model'
import type { LdoParameters } from './params'
import { DEFAULT_LDO_PARAMETERS } from './params'
import { PhysicsError } from './physics-error'

/** Minimum output voltage for the electronic load to draw its CC setpoint (docs/physics.md#electronic-load). */
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

/** The defaults overlaid with `parameters`, every value checked, frozen. */
function configuredFrom(parameters: Partial<LdoParameters>): LdoParameters {
  const merged = { ...DEFAULT_LDO_PARAMETERS, ...parameters }
  for (const key of NAMES) checkValue(key, merged[key])
  return Object.freeze(merged)
}

/** The LDO regulator of docs/physics.md#ldo-regulator. Derived constants are cached so `solve` is a few flops. */
class LdoModel implements DutModel {
  readonly kind = 'ldo'
  private configured: LdoParameters
  private p: LdoParameters
  private shutdown = false
  private powered = false
  // Copied and derived from `p` by `derive()`: plain numeric fields read faster than the parameter record.
  private iq25 = 0
  private iqTempco = 0
  private tcScale = 0
  private lineScale = 0
  private vNominal = 0
  private vinNominal = 0
  private dropout = 0
  private dropoutExponent = 1.5
  private loadRegulation = 0
  private currentLimit = 0
  private uvlo = 0

  constructor(parameters: Partial<LdoParameters>) {
    this.configured = configuredFrom(parameters)
    this.p = { ...this.configured }
    this.derive()
  }

  load(parameters: Readonly<Record<string, number>>): void {
    const named: Partial<LdoParameters> = {}
    for (const [name, value] of Object.entries(parameters)) named[canonical(name)] = value
    this.configured = configuredFrom(named)
    this.resetParameters()
    this.resetState()
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
    const vin = input.vin
    const tj = input.tj
    this.powered = vin >= this.uvlo && vin > 0
    if (!this.powered || this.shutdown) {
      off(out, this.powered ? 'shutdown' : 'off')
      return
    }
    const dT = tj - 25
    const iq = Math.max(this.iq25 * (1 + this.iqTempco * dT), 0)
    const x = (tj + 273.15) * (1 / 300)
    // x·√x is exact for the default exponent 1.5 and cheaper than a power on this hot path.
    const scale = this.dropoutExponent === 1.5 ? x * Math.sqrt(x) : x ** this.dropoutExponent
    const vmax = Math.max(vin - this.dropout * scale, 0)
    const v0 = this.vNominal * (1 + this.tcScale * dT) * (1 + this.lineScale * (vin - this.vinNominal))
    const rl = this.loadRegulation
    let vout: number
    let iout: number
    if (!input.loadOn) {
      iout = 0
      vout = Math.min(v0, vmax)
    } else if (input.loadMode === 'CC') {
      iout = input.loadCurrent
      if (iout > this.currentLimit) {
        this.collapse(vin, iq, out)
        return
      }
      vout = Math.min(v0 - rl * iout, vmax)
      if (vout < LOAD_MIN_VOLTAGE) {
        iout = 0
        vout = Math.min(v0, vmax)
      }
    } else {
      // Its own method keeps `solve` under V8's inlining size limit (the engine's loop inlines it).
      this.solveConstantResistance(input.loadResistance, vin, iq, v0, vmax, out)
      return
    }
    on(out, vin, vout, iout, iq)
  }

  /** CR load: V = V0 − R_lr·I and I = V/R together give I = V0/(R + R_lr); then the dropout clamp rules. */
  private solveConstantResistance(
    r: number,
    vin: number,
    iq: number,
    v0: number,
    vmax: number,
    out: DutOperatingPoint,
  ): void {
    let iout = v0 / (r + this.loadRegulation)
    let vout = r * iout
    if (vout > vmax) {
      vout = vmax
      iout = vmax / r
    }
    if (iout > this.currentLimit) this.collapse(vin, iq, out)
    else on(out, vin, vout, iout, iq)
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

  /** Demand above the limit: the output folds to 0 V while the limit current flows (docs/physics.md#current-limit). */
  private collapse(vin: number, iq: number, out: DutOperatingPoint): void {
    const ilim = this.currentLimit
    out.state = 'current_limit'
    out.vout = 0
    out.iout = ilim
    out.iq = iq
    out.pdiss = vin * ilim + vin * iq
  }

  private derive(): void {
    const p = this.p
    this.iq25 = p.quiescent_current_ua * 1e-6
    this.iqTempco = p.quiescent_current_tempco
    this.tcScale = p.tempco_ppm_per_c * 1e-6
    this.lineScale = p.line_regulation_pct_per_v / 100
    this.vNominal = p.nominal_output_voltage
    this.vinNominal = p.nominal_input_voltage
    this.dropout = p.dropout_voltage
    this.dropoutExponent = p.dropout_temperature_exponent
    this.loadRegulation = p.load_regulation_ohm
    this.currentLimit = p.current_limit_a
    this.uvlo = p.uvlo_v
  }
}

function on(out: DutOperatingPoint, vin: number, vout: number, iout: number, iq: number): void {
  out.state = 'on'
  out.vout = vout
  out.iout = iout
  out.iq = iq
  out.pdiss = (vin - vout) * iout + vin * iq
}

function off(out: DutOperatingPoint, state: 'off' | 'shutdown'): void {
  out.state = state
  out.vout = 0
  out.iout = 0
  out.iq = 0
  out.pdiss = 0
}

/** Create the LDO DUT model; missing parameters take the docs/physics.md#dut-section defaults. */
export function createLdoModel(parameters: Partial<LdoParameters> = {}): DutModel {
  return new LdoModel(parameters)
}
