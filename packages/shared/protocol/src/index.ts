// @dvt/protocol: what a bench and the executive say to each other — instrument roles and ports, fault targets,
// the speed rule, and the telemetry snapshot. Pure and browser-safe: no I/O, no dependencies.
export { CodedError } from './coded-error'
export type { FaultTarget, InstrumentRole, MeasuringRole } from './instruments'
export {
  FAULT_TARGETS,
  faultShortWord,
  faultTargetOf,
  INSTRUMENT_NAMES,
  INSTRUMENT_ROLES,
  INSTRUMENTS,
  MEASURING_ROLES,
  ROLE_ALIASES,
  resolveRole,
} from './instruments'
export type { BenchPort } from './ports'
export {
  BENCH_PORTS,
  benchPorts,
  DEFAULT_PORT_BASE,
  DEFAULT_PORTS,
  MAX_PORT_BASE,
  portOffset,
  TELEMETRY_PORT_OFFSET,
} from './ports'
export type { ScpiErrorEntry } from './scpi-error-entry'
export { isSimulatorControl, NO_STATION_SERIAL, SIMULATOR_CONTROL, simulatorStation } from './simulator-identity'
export type { MuxBank } from './sockets'
export { CURRENT_SENSE_V_PER_A, lotSerial, MAX_SOCKETS, MUX_BANKS, muxChannel } from './sockets'
export type { SimSpeed } from './speed'
export { describeSpeed, isSimSpeed, parseSpeed, SPEED_LIMITS, speedProblem } from './speed'
export type {
  BenchState,
  DutState,
  LoadMode,
  SocketSnapshot,
  SupplyMode,
  TelemetryKey,
  TelemetrySnapshot,
} from './telemetry'
export { DUT_STATES, LOAD_MODES, SOCKET_KEYS, SUPPLY_MODES, TELEMETRY_KEYS } from './telemetry'
