export type { Chamber, ChamberReading, ChamberStatus } from './chamber'
export { chamberCommands, createChamber } from './chamber'
export type {
  DriverArgs,
  DriverCommand,
  DriverMethods,
  DriverParam,
  DriverReply,
  DriverResult,
} from './driver-table'
export { commandLine } from './driver-table'
export type { ElectronicLoad, LoadFunction, LoadSettings } from './electronic-load'
export { createElectronicLoad, loadCommands } from './electronic-load'
export type { Instrument } from './instrument'
export type { InstrumentErrorCode, InstrumentErrorDetails } from './instrument-error'
export { InstrumentError } from './instrument-error'
export type { BenchAddresses, InstrumentSet, InstrumentSetOptions, TransportTarget } from './instrument-set'
export { createInstrumentSet, instrumentLabel } from './instrument-set'
export type { Multimeter, MultimeterRange, VoltageDcSetup } from './multimeter'
export { createMultimeter, multimeterCommands } from './multimeter'
export type { PowerSupply, SupplyChannel, SupplySettings } from './power-supply'
export { createPowerSupply, supplyCommands } from './power-supply'
export type { RawExchange } from './raw-exchange'
export { exchangeRaw, readErrorQueue } from './raw-exchange'
export { formatNumber } from './scpi-format'
export type { SimSnapshot, SimulationControl, WaitOptions } from './simulation-control'
export { createSimulationControl, simulationCommands } from './simulation-control'
