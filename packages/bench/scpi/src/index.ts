export type {
  CommandHandler,
  CommandSpec,
  CommandTable,
  ParamValues,
  ScpiCall,
  ScpiResult,
} from './define-commands'
export { defineCommands } from './define-commands'
export { formatBoolean, formatNR1, formatNR2, formatNR3, formatString } from './format'
export type { ChannelListOptions, NumericOptions, ParamOptions, ScpiParam, ShortForm } from './params'
export { p } from './params'
export type { ScpiErrorCode } from './scpi-errors'
export { SCPI_ERRORS, ScpiError, ScpiExecutionError, scpiErrorMessage } from './scpi-errors'
export type { ScpiIdentity } from './scpi-identity'
export type { ScpiInstrument, ScpiInstrumentOptions, ScpiSession } from './scpi-instrument'
export { createScpiInstrument } from './scpi-instrument'
export type { ScpiStatusRegister } from './status-register'
