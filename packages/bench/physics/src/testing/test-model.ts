// Helpers for this package's tests only.
import type { BenchModel, CreateBenchModelParams } from '../bench-model'
import { createBenchModel } from '../bench-model'
import type { LotParams } from '../lot'
import type { LdoParameters, PhysicsParams } from '../params'
import { DEFAULT_LDO_PARAMETERS, DEFAULT_PHYSICS_PARAMS } from '../params'

export interface TestModelOptions {
  updateRateHz?: number
  seed?: number
  noise?: boolean
  chamber?: Partial<PhysicsParams['chamber']>
  ldo?: Partial<LdoParameters>
  /** Sockets on the board (default 1). */
  sockets?: number
  lot?: LotParams
}

export function testParams(options: TestModelOptions = {}): CreateBenchModelParams {
  const physics: PhysicsParams = {
    ...DEFAULT_PHYSICS_PARAMS,
    update_rate_hz: options.updateRateHz ?? DEFAULT_PHYSICS_PARAMS.update_rate_hz,
    seed: options.seed ?? DEFAULT_PHYSICS_PARAMS.seed,
    noise: options.noise ?? DEFAULT_PHYSICS_PARAMS.noise,
    chamber: { ...DEFAULT_PHYSICS_PARAMS.chamber, ...options.chamber },
  }
  return {
    physics,
    dut: { model: 'ldo', parameters: { ...DEFAULT_LDO_PARAMETERS, ...options.ldo }, lot: options.lot ?? null },
    bench: { sockets: options.sockets ?? 1 },
  }
}

export function testModel(options: TestModelOptions = {}): BenchModel {
  return createBenchModel(testParams(options))
}

/** A model with the DUT powered at `vin` (supply limit 5 A) and the load drawing `loadA` in CC mode. */
export function poweredModel(vin = 5, loadA = 0.1, options: TestModelOptions = {}): BenchModel {
  const model = testModel(options)
  const ch1 = model.supply.channel(1)
  ch1.voltageSetpoint = vin
  ch1.currentLimit = 5
  ch1.output = true
  model.load.mode = 'CC'
  model.load.currentSetpoint = loadA
  model.load.input = loadA > 0
  return model
}
