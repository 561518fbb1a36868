export type { DvtResult, PortName, ServeHandle, ServeOptions } from './support/dvt-process'
export { DVT_BIN, runDvt, spawnDvt, startServe } from './support/dvt-process'
