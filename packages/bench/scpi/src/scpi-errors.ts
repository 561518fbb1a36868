import { CodedError } from '@dvt/protocol'
/**
 * Standard SCPI-1999 / IEEE 488.2 error codes and their strings (SCPI-99 Vol. 2 §21.8).
 * `0` is the "no error" entry the queue answers when it is empty.
 */
export const SCPI_ERRORS: Readonly<Record<number, string>> = Object.freeze({
  0: 'No error',
  [-100]: 'Command error',
  [-101]: 'Invalid character',
  [-102]: 'Syntax error',
  [-103]: 'Invalid separator',
  [-104]: 'Data type error',
  [-105]: 'GET not allowed',
  [-108]: 'Parameter not allowed',
  [-109]: 'Missing parameter',
  [-110]: 'Command header error',
  [-111]: 'Header separator error',
  [-112]: 'Program mnemonic too long',
  [-113]: 'Undefined header',
  [-114]: 'Header suffix out of range',
  [-120]: 'Numeric data error',
  [-121]: 'Invalid character in number',
  [-123]: 'Exponent too large',
  [-124]: 'Too many digits',
  [-128]: 'Numeric data not allowed',
  [-130]: 'Suffix error',
  [-131]: 'Invalid suffix',
  [-134]: 'Suffix too long',
  [-138]: 'Suffix not allowed',
  [-140]: 'Character data error',
  [-141]: 'Invalid character data',
  [-144]: 'Character data too long',
  [-148]: 'Character data not allowed',
  [-150]: 'String data error',
  [-151]: 'Invalid string data',
  [-158]: 'String data not allowed',
  [-160]: 'Block data error',
  [-161]: 'Invalid block data',
  [-168]: 'Block data not allowed',
  [-170]: 'Expression error',
  [-171]: 'Invalid expression',
  [-178]: 'Expression data not allowed',
  [-200]: 'Execution error',
  [-203]: 'Command protected',
  [-210]: 'Trigger error',
  [-211]: 'Trigger ignored',
  [-213]: 'Init ignored',
  [-214]: 'Trigger deadlock',
  [-220]: 'Parameter error',
  [-221]: 'Settings conflict',
  [-222]: 'Data out of range',
  [-223]: 'Too much data',
  [-224]: 'Illegal parameter value',
  [-230]: 'Data corrupt or stale',
  [-240]: 'Hardware error',
  [-241]: 'Hardware missing',
  [-300]: 'Device-specific error',
  [-310]: 'System error',
  [-321]: 'Out of memory',
  [-330]: 'Self-test failed',
  [-350]: 'Queue overflow',
  [-360]: 'Communication error',
  [-363]: 'Input buffer overrun',
  [-400]: 'Query error',
  [-410]: 'Query INTERRUPTED',
  [-420]: 'Query UNTERMINATED',
  [-430]: 'Query DEADLOCKED',
  [-440]: 'Query UNTERMINATED after indefinite response',
})

/** The standard string for `code`; device-specific (positive or unlisted) codes get a generic string. */
export function scpiErrorMessage(code: number): string {
  return (
    SCPI_ERRORS[code] ?? (code > 0 ? 'Device-specific error' : (SCPI_ERRORS[Math.trunc(code / 10) * 10] ?? 'Error'))
  )
}

/**
 * Thrown by a command handler (or by the engine's parameter parsing) to queue a SCPI error instead of
 * answering. `detail` is appended to the standard string: `-222,"Data out of range;setpoint 300 above 200"`.
 */
export class ScpiExecutionError extends Error {
  readonly code: number
  readonly detail: string | undefined
  constructor(code: number, detail?: string) {
    super(detail === undefined ? scpiErrorMessage(code) : `${scpiErrorMessage(code)};${detail}`)
    this.name = 'ScpiExecutionError'
    this.code = code
    this.detail = detail
  }
}

export type ScpiErrorCode = 'SCPI_INVALID_PATTERN' | 'SCPI_DUPLICATE_COMMAND' | 'SCPI_INVALID_PARAMS'

/** A programming error in a command table (bad pattern, two commands on one header); thrown at definition time. */
export class ScpiError extends CodedError<ScpiErrorCode> {
  override readonly name = 'ScpiError'
}
