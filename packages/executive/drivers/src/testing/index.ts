// `@dvt/drivers/testing`: a scripted transport for protocol tests that assert the exact lines a driver exchanges.
export type { ProtocolStep, ScriptedTransport } from './scripted-transport'
export { createScriptedTransport, expectProtocol, NO_ERROR } from './scripted-transport'
