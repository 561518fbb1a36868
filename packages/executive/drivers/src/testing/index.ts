// `@dvt/drivers/testing`: a scripted transport for protocol tests that assert the exact lines a driver exchanges, and
// table-driven protocol cases (a method call, its exact lines, its result).
export type { ProtocolCase } from './protocol-case'
export { expectCase, titledCases } from './protocol-case'
export type { ProtocolStep, ScriptedTransport } from './scripted-transport'
export { createScriptedTransport, expectProtocol, NO_ERROR } from './scripted-transport'
