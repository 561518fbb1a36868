export type {
  ChamberControl,
  DutControl,
  LoadControl,
  SupplyChannel,
  SupplyControl,
  ThermistorControl,
} from './bench-controls'
export type { BenchModel, BenchSnapshot, CreateBenchModelParams, IntegralName } from './bench-model'
export { createBenchModel } from './bench-model'
export type { DutInput, DutModel, DutOperatingPoint } from './dut-model'
export type { DmmFunction, DmmReading, DmmReadingOptions, InstrumentNoise, ReadbackQuantity } from './instrument-noise'
export {
  autoRange,
  createInstrumentNoise,
  DMM_NOISE_PPM_OF_RANGE,
  DMM_OVERLOAD,
  DMM_OVERRANGE,
  DMM_RANGES,
  INSTRUMENT_NOISE,
  quantize,
  selectDmmRange,
} from './instrument-noise'
export { createLdoModel, LOAD_MIN_VOLTAGE } from './ldo-model'
export type { BenchModelParams, DutParams, LdoParameters, PhysicsParams } from './params'
export { DEFAULT_DUT_PARAMS, DEFAULT_LDO_PARAMETERS, DEFAULT_PHYSICS_PARAMS } from './params'
export type { PhysicsErrorCode } from './physics-error'
export { PhysicsError } from './physics-error'
export type { Prng } from './prng'
export { createPrng } from './prng'
export type { ClockSnapshot, SimClock, SimClockOptions } from './sim-clock'
export { createSimClock } from './sim-clock'
