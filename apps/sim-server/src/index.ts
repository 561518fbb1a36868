export { withBoundPorts } from './bound-config'
export type { FaultInjector } from './fault-injector'
export { createFaultInjector } from './fault-injector'
export type { InstrumentTableInput } from './instrument-table'
export { formatInstrumentTable } from './instrument-table'
export type {
  SimServer,
  SimServerInstrument,
  SimServerOptions,
} from './sim-server'
export { portConfigKey, startSimServer } from './sim-server'
export type { SimServerErrorCode } from './sim-server-error'
export { SimServerError } from './sim-server-error'
export type { TelemetryServer, TelemetryServerOptions } from './telemetry-server'
export { createTelemetryServer } from './telemetry-server'
