export type {
  ChamberControl,
  DutControl,
  IntegralName,
  LoadControl,
  LotControl,
  SocketControl,
  SupplyChannel,
  SupplyControl,
  ThermistorControl,
} from './bench-controls'
export type { BenchModel, BenchSnapshot, CreateBenchModelParams } from './bench-model'
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
export type { CornerValue, Lot, LotParams } from './lot'
export { createLot, DEFAULT_LOT_NAME, LOT_TRUNCATION_SIGMA, lotDeviate, MAX_LOT_SIZE } from './lot'
export type { BenchModelParams, BoardParams, DutParams, LdoParameters, PhysicsParams } from './params'
export { DEFAULT_BOARD_PARAMS, DEFAULT_DUT_PARAMS, DEFAULT_LDO_PARAMETERS, DEFAULT_PHYSICS_PARAMS } from './params'
export type { PhysicsErrorCode } from './physics-error'
export { PhysicsError } from './physics-error'
export type { Prng } from './prng'
export { createPrng } from './prng'
export type { ClockSnapshot, SimClock, SimClockOptions } from './sim-clock'
export { createSimClock } from './sim-clock'
