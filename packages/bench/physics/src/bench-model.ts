import { type BenchState, MAX_SOCKETS } from '@dvt/protocol'
import type {
  ChamberControl,
  DutControl,
  IntegralName,
  LoadControl,
  LotControl,
  SocketControl,
  SupplyControl,
  ThermistorControl,
} from './bench-controls'
import type { DutModel } from './dut-model'
import type { InstrumentNoise } from './instrument-noise'
import { createInstrumentNoise } from './instrument-noise'
import { createBoard } from './internal/board'
import { createChamberControl, createSupplyControl } from './internal/controls'
import { Engine } from './internal/engine'
import { snapshotOf } from './internal/snapshot'
import { createLdoModel } from './ldo-model'
import { createLot, DEFAULT_LOT_NAME, type Lot, type LotParams } from './lot'
import type { BoardParams, DutParams, LdoParameters, PhysicsParams } from './params'
import { PhysicsError } from './physics-error'
import type { Prng } from './prng'
import { createPrng } from './prng'

/** The whole model at one instant (true values): the bench part of a telemetry line. */
export type BenchSnapshot = BenchState

/** Input of `createBenchModel`: the `physics` and `dut` config sections (LDO parameters may be partial). */
export interface CreateBenchModelParams {
  physics: PhysicsParams
  dut: Omit<DutParams, 'parameters'> & { parameters: Partial<LdoParameters> }
  /** The `bench` config section; default one socket. */
  bench?: BoardParams
  /** Use this DUT instead of building one from `dut` (another DUT type, a test double); one socket only. */
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
  /** Socket 1's load channel (`sockets[0].load`). */
  readonly load: LoadControl
  /** The part in socket 1 (`sockets[0].dut`). */
  readonly dut: DutControl
  /** Socket 1's case NTC. */
  readonly thermistor: ThermistorControl
  /** Every socket of the board, socket 1 first (docs/physics.md#sockets). */
  readonly sockets: readonly SocketControl[]
  /** Socket `n` (1-based); anything else → `PHYSICS_OUT_OF_RANGE`. */
  socket(n: number): SocketControl
  /** The lot the parts come from and the board handler (docs/physics.md#lots). */
  readonly lot: LotControl
  /** Socket 1's ∫ quantity dt since power-on (V·s, A·s, Ω·s). Average over a window = Δintegral / Δtime. */
  integral(name: IntegralName): number
  /** Socket 1's present true value of an integrated quantity (use it when a window holds no whole step). */
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

function checkSockets(board: BoardParams, dutModel: DutModel | undefined): number {
  const n = board.sockets
  if (!Number.isInteger(n) || n < 1 || n > MAX_SOCKETS) {
    throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `bench.sockets must be a whole number 1 … ${MAX_SOCKETS}, got ${n}`)
  }
  if (dutModel !== undefined && n > 1) {
    throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', 'a DUT model instance fills one socket; use bench.sockets: 1')
  }
  return n
}

/**
 * The configured lot (or one nominal part per socket), and how to draw another one: every member is checked against
 * a scratch DUT.
 */
function lotsOf(params: CreateBenchModelParams, first: DutModel, sockets: number) {
  const nominal = first.parameters()
  const configured = params.dut.lot ?? { name: DEFAULT_LOT_NAME, size: sockets, seed: 1, spread: {}, corners: {} }
  if (params.dutModel !== undefined && params.dut.lot) {
    throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', 'a DUT model instance cannot be drawn from a lot')
  }
  const scratch = params.dutModel === undefined ? createDut(params.dut) : undefined
  const makeLot = (lot: LotParams): Lot => {
    if (params.dutModel !== undefined) {
      throw new PhysicsError('PHYSICS_INVALID_ARGUMENT', 'a DUT model instance cannot be drawn from a lot')
    }
    return createLot(lot, nominal, (values) => scratch?.load(values))
  }
  return {
    configured: { params: configured, lot: createLot(configured, nominal, (values) => scratch?.load(values)) },
    makeLot,
  }
}

/** Build the bench model from the `physics`, `dut` and `bench` config sections, in its power-on state. */
export function createBenchModel(params: CreateBenchModelParams): BenchModel {
  const { physics } = params
  checkPhysics(physics)
  const count = checkSockets(params.bench ?? { sockets: 1 }, params.dutModel)
  const duts = Array.from({ length: count }, () => params.dutModel ?? createDut(params.dut))
  const lots = lotsOf(params, duts[0] as DutModel, count)
  const engine = new Engine(physics, duts)
  const prng = createPrng(physics.seed)
  const instrumentNoise = createInstrumentNoise(prng, { enabled: physics.noise })
  const chamber = createChamberControl(engine, physics)
  const supply = createSupplyControl(engine)
  const board = createBoard(engine, lots.configured, lots.makeLot)
  const socket1 = board.sockets[0] as SocketControl
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
      // Power-on: the configured lot again (SIM:LOT:DEFine lasts until a reset).
      board.lot.define(null)
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
    load: socket1.load,
    dut: socket1.dut,
    thermistor: socket1.thermistor,
    sockets: board.sockets,
    socket(n) {
      const found = board.sockets[n - 1]
      if (!Number.isInteger(n) || found === undefined) {
        throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `socket ${n} does not exist; the board has 1 … ${count}`)
      }
      return found
    },
    lot: board.lot,
    integral: (name) => socket1.integral(name),
    quantity: (name) => socket1.quantity(name),
    snapshot: () => snapshotOf(engine, model),
  }
  board.lot.load(1)
  return model
}
