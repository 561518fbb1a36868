import { CodedError } from '@dvt/protocol'

export type SimServerErrorCode = 'SIM_SERVER_PORT_IN_USE' | 'SIM_SERVER_LISTEN_FAILED'

/** A simulation server that could not start, explained in one sentence that says what to do. */
export class SimServerError extends CodedError<SimServerErrorCode> {
  override readonly name = 'SimServerError'
}
