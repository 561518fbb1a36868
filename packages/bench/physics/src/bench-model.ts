import type { BenchState } from '@dvt/protocol'
import type { ChamberControl, DutControl, LoadControl, SupplyControl, ThermistorControl } from './bench-controls'
import type { DutModel } from './dut-model'
import type { InstrumentNoise } from './instrument-noise'
import { createInstrumentNoise } from './instrument-noise'
import { createChamberControl, createDutControl, createLoadControl, createSupplyControl } from './internal/controls'
import { Engine } from './internal/engine'
import { createLdoModel } from './ldo-model'
import type { DutParams, LdoParameters, PhysicsParams } from './params'
import { PhysicsError } from './physics-error'
import type { Prng } from './prng'
import { createPrng } from './prng'

/** Quantities whose running integral over simulated time the model keeps (for multimeter averaging). */
export type IntegralName = 'vout' | 'iout' | 'thermistor'

/** The whole model at one instant (true values): the bench part of a telemetry line. */
export type BenchSnapshot = BenchState

/** Input of `createBenchModel`: the `physics` and `dut` config sections (LDO parameters may be partial). */
export interface CreateBenchModelParams {
  physics: PhysicsParams
  dut: Omit<DutParams, 'parameters'> & { parameters: Partial<LdoParameters> }
  /** Use this DUT instead of building one from `dut` (another DUT type, a test double). */
  dutModel?: DutModel
}

/** The one coupled physics model every virtual instrument reads and writes. Pure: no I/O, no timers. */
export interface BenchModel {
  /** Fixed step, s (`1 / update_rate_hz`). */
  readonly dt: number
  /** Simulated time, s (whole steps since power-on). */
  readonly time: number
  /** Steps since power-on. */
  readonly steps: number
  /** Simulate one step of `dt`. */
  step(): void
  /** Simulate `seconds` (≥ 0) in whole steps; the fraction of a step left over is carried to the next call. */
  advance(seconds: number): void
  /** Back to the power-on state with the configured parameters; keeps the current seed and noise switch. */
  reset(): void
  /** The current PRNG seed. */
  readonly seed: number
  /** Reseed the PRNG (restarts the noise sequence). */
  setSeed(seed: number): void
  /** Instrument noise on/off. */
  noise: boolean
  readonly prng: Prng
  /** Non-idealities for instrument readings, on `prng`; follows `noise`. */
  readonly instrumentNoise: InstrumentNoise
  readonly chamber: ChamberControl
  readonly supply: SupplyControl
  readonly load: LoadControl
  readonly dut: DutControl
  readonly thermistor: ThermistorControl
  /** ∫ quantity dt since power-on (V·s, A·s, Ω·s). Average over a window = Δintegral / Δtime. */
  integral(name: IntegralName): number
  /** The present true value of an integrated quantity (use it when a window holds no whole step). */
  quantity(name: IntegralName): number
  snapshot(): BenchSnapshot
}

function createDut(dut: CreateBenchModelParams['dut']): DutModel {
  if (dut.model === 'ldo') return createLdoModel(dut.parameters)
  throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', `unknown DUT model "${String(dut.model)}"; known: ldo`)
}

function checkPhysics(physics: PhysicsParams): void {
  const positive: [string, number][] = [
    ['update_rate_hz', physics.update_rate_hz],
    ['chamber_time_constant_s', physics.thermal.chamber_time_constant_s],
    ['case_time_constant_s', physics.thermal.case_time_constant_s],
    ['ramp_rate_c_per_min', physics.chamber.ramp_rate_c_per_min],
    ['stability_window_c', physics.chamber.stability_window_c],
    ['r25_ohm', physics.thermistor.r25_ohm],
  ]
  for (const [name, value] of positive) {
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', `physics.${name} must be a positive number, got ${value}`)
    }
  }
}

/** Build the bench model from the `physics` and `dut` config sections, in its power-on state. */
export function createBenchModel(params: CreateBenchModelParams): BenchModel {
  const { physics } = params
  checkPhysics(physics)
  const dut = params.dutModel ?? createDut(params.dut)
  const engine = new Engine(physics, dut)
  const prng = createPrng(physics.seed)
  const instrumentNoise = createInstrumentNoise(prng, { enabled: physics.noise })
  const chamber = createChamberControl(engine, physics)
  const supply = createSupplyControl(engine)
  const dutControl = createDutControl(engine)
  const integrals: Record<IntegralName, () => number> = {
    vout: () => engine.intVout,
    iout: () => engine.intIout,
    thermistor: () => engine.intThermistor,
  }
  const quantities: Record<IntegralName, () => number> = {
    vout: () => engine.op.vout,
    iout: () => engine.op.iout,
    thermistor: () => engine.thermistorR,
  }
  const pick = <T>(table: Record<IntegralName, T>, name: IntegralName): T => {
    const entry = table[name]
    if (entry === undefined) {
      throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', `no integral "${name}"; known: vout, iout, thermistor`)
    }
    return entry
  }
  const model: BenchModel = {
    dt: engine.dt,
    get time() {
      return engine.time
    },
    get steps() {
      return engine.steps
    },
    step: () => engine.step(),
    advance(seconds) {
      if (!(seconds >= 0) || !Number.isFinite(seconds)) {
        throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', `advance() needs a finite time ≥ 0 s, got ${seconds}`)
      }
      engine.advance(seconds)
    },
    reset() {
      engine.resetState(physics)
      chamber.resetLimits()
      supply.reset()
      dut.resetParameters()
      prng.reseed(prng.seed)
      engine.refresh()
    },
    get seed() {
      return prng.seed
    },
    setSeed(seed) {
      if (!Number.isSafeInteger(seed)) {
        throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `the seed must be an integer, got ${seed}`)
      }
      prng.reseed(seed)
    },
    get noise() {
      return instrumentNoise.enabled
    },
    set noise(on: boolean) {
      instrumentNoise.enabled = on
    },
    prng,
    instrumentNoise,
    chamber: chamber.control,
    supply: supply.control,
    load: createLoadControl(engine),
    dut: dutControl,
    thermistor: {
      get resistance() {
        return engine.thermistorR
      },
    },
    integral: (name) => pick(integrals, name)(),
    quantity: (name) => pick(quantities, name)(),
    snapshot: () => snapshotOf(engine, model),
  }
  engine.refresh()
  return model
}

function snapshotOf(engine: Engine, model: BenchModel): BenchSnapshot {
  const op = engine.op
  const input = engine.input
  return {
    t_s: engine.time,
    setpoint_c: engine.setpoint,
    ramp_c_per_min: engine.rampRate,
    ramp_target_c: engine.rampTarget,
    chamber_c: engine.air,
    chamber_on: engine.enabled,
    stable: engine.stable,
    case_c: engine.caseT,
    junction_c: engine.junctionT,
    thermistor_ohm: engine.thermistorR,
    vin_v: input.vin,
    vout_v: op.vout,
    iout_a: op.iout,
    iq_a: op.iq,
    pdiss_w: op.pdiss,
    supply_mode: model.supply.channels[0].mode,
    supply_v_set: engine.supply.voltage,
    supply_i_limit: engine.supply.limit,
    load_mode: input.loadMode,
    load_on: input.loadOn,
    load_current_set_a: input.loadCurrent,
    load_resistance_ohm: input.loadResistance,
    dut_state: op.state,
  }
}
