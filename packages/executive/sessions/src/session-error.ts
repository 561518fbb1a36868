import { CodedError } from '@dvt/protocol'

/** Every way reading, recording or replaying a session can fail that a caller may want to tell apart. */
export type SessionErrorCode = 'SESSION_NOT_FOUND' | 'SESSION_CORRUPT' | 'SESSION_UNSUPPORTED' | 'SESSION_WRITE_FAILED'

/** The one error class of `@dvt/sessions`; `message` is one sentence that says what to do. */
export class SessionError extends CodedError<SessionErrorCode> {
  override readonly name = 'SessionError'
}
