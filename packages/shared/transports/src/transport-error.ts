import { CodedError } from '@dvt/protocol'

export type TransportErrorCode =
  | 'TRANSPORT_TIMEOUT'
  | 'TRANSPORT_CLOSED'
  | 'TRANSPORT_REFUSED'
  | 'TRANSPORT_PORT_IN_USE'
  | 'TRANSPORT_LISTEN_FAILED'
  | 'TRANSPORT_BAD_RESOURCE'

/** A connection problem, explained in one sentence that names the instrument, host:port and what to do. */
export class TransportError extends CodedError<TransportErrorCode> {
  override readonly name = 'TransportError'
}
