import { CodedError } from '@dvt/protocol'

/** What went wrong talking to an instrument. */
export type InstrumentErrorCode =
  /** The instrument queued a SCPI error (see `scpiCode`/`scpiMessage`). */
  | 'DRIVER_INSTRUMENT_ERROR'
  /** The instrument answered something the driver cannot parse. */
  | 'DRIVER_BAD_RESPONSE'
  /** `probe()` found an instrument that does not answer. */
  | 'DRIVER_UNREACHABLE'
  /** A driver table whose `{placeholders}` and params do not match (a programming error, raised at load time). */
  | 'DRIVER_INVALID_TABLE'

export interface InstrumentErrorDetails {
  /** Which instrument: `chamber`, `supply`, `multimeter`, `load` or `simulation`. */
  instrument?: string
  /** The command line that failed. */
  command?: string
  /** The SCPI error the instrument reported (data, e.g. −222 "Data out of range"). */
  scpiCode?: number
  scpiMessage?: string
}

/** The drivers' one error class. SCPI errors reported by an instrument are data inside it. */
export class InstrumentError extends CodedError<InstrumentErrorCode> {
  override readonly name = 'InstrumentError'
  readonly instrument: string | null
  readonly command: string | null
  readonly scpiCode: number | null
  readonly scpiMessage: string | null

  constructor(
    code: InstrumentErrorCode,
    message: string,
    details: InstrumentErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(code, message, options)
    this.instrument = details.instrument ?? null
    this.command = details.command ?? null
    this.scpiCode = details.scpiCode ?? null
    this.scpiMessage = details.scpiMessage ?? null
  }
}
