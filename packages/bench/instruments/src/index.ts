export type { ChamberContext, ChamberDefaults } from './chamber'
export { chamberCommands, chamberDefaults, formatLakeShore, resetChamber } from './chamber'
export type { LoadContext } from './electronic-load'
export { LOAD_LIMITS, LOAD_RESET, loadCommands, resetLoad } from './electronic-load'
export {
  CHAMBER_IDENTITY,
  controlIdentity,
  DMM_IDENTITY,
  formatIdentity,
  LOAD_IDENTITY,
  SUPPLY_IDENTITY,
} from './identities'
export type { DmmContext, DmmFunction, DmmSettings } from './multimeter'
export { defaultDmmSettings, multimeterCommands, resetMultimeter, triggerMultimeter } from './multimeter'
export type { SupplyContext } from './power-supply'
export { resetSupply, SUPPLY_CHANNELS, supplyCommands } from './power-supply'
export type { ControlContext, FaultHooks } from './simulation-control'
export { controlCommands, MAX_WAIT_S } from './simulation-control'
export type { VirtualBench, VirtualBenchOptions } from './virtual-bench'
export { createVirtualBench } from './virtual-bench'
