import type { ScpiErrorEntry } from '@dvt/protocol'
import type { Transport } from '@dvt/transports'
import { InstrumentError } from '../instrument-error'
import { ERROR_QUERY } from '../scpi-format'
import { splitErrorReply } from './error-reply'

/** From the root, so that the line's header path does not apply (docs/scpi.md#compound-messages). */
const ERROR_CHECK = `:${ERROR_QUERY}`
/** The error queue holds at most 20 entries (docs/scpi.md#error-queue). */
const MAX_DRAIN = 21

export interface QueryOptions {
  timeoutMs?: number
}

/**
 * One instrument's command channel. Every command or query is sent as `<line>;:SYST:ERR?`, so the
 * error check costs no extra round trip; a non-zero entry becomes an `InstrumentError`.
 */
export interface ScpiChannel {
  readonly name: string
  readonly transport: Transport
  /** Sends a command (no response data) and checks the error queue. */
  command(line: string, options?: QueryOptions): Promise<void>
  /** Sends a query and returns its response, having checked the error queue. */
  query(line: string, options?: QueryOptions): Promise<string>
}

/** `DRIVER_BAD_RESPONSE`: what the instrument did with `line` (`answered "x" to "<line>"`) is of no use. */
export function badResponse(name: string, line: string, what: string, options?: ErrorOptions): InstrumentError {
  return new InstrumentError('DRIVER_BAD_RESPONSE', `the ${name} ${what}`, { instrument: name, command: line }, options)
}

export function createScpiChannel(name: string, transport: Transport): ScpiChannel {
  async function checked(line: string, options: QueryOptions | undefined): Promise<string | null> {
    const reply = await transport.query(`${line};${ERROR_CHECK}`, options)
    const { data, error } = splitErrorReply(reply)
    if (!error) throw badResponse(name, line, `answered "${reply}" to "${line}"`)
    if (error.code !== 0) throw await instrumentError(line, error)
    return data
  }

  async function instrumentError(line: string, error: ScpiErrorEntry): Promise<InstrumentError> {
    await drain()
    return new InstrumentError(
      'DRIVER_INSTRUMENT_ERROR',
      `the ${name} refused "${line}": ${error.code} ${error.message}`,
      { instrument: name, command: line, scpiCode: error.code, scpiMessage: error.message },
    )
  }

  /** Empties the rest of the queue so a later command does not see this command's errors. */
  async function drain(): Promise<void> {
    for (let i = 0; i < MAX_DRAIN; i++) {
      const entry = splitErrorReply(await transport.query(ERROR_CHECK)).error
      if (!entry || entry.code === 0) return
    }
  }

  return {
    name,
    transport,
    async command(line, options) {
      const data = await checked(line, options)
      if (data !== null) throw badResponse(name, line, `answered "${data}" to the command "${line}"`)
    },
    async query(line, options) {
      const data = await checked(line, options)
      if (data === null) throw badResponse(name, line, `gave no answer to "${line}"`)
      return data
    },
  }
}
