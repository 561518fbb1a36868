import { CodedError } from '@dvt/protocol'

/** What went wrong in the test executive. */
export type FrameworkErrorCode =
  /** No test of that name; the message lists the available ones. */
  | 'FRAMEWORK_UNKNOWN_TEST'
  /** A parameter failed validation; the message names it. */
  | 'FRAMEWORK_BAD_PARAMETER'
  /** Another run holds the bench; the message names it. */
  | 'FRAMEWORK_BENCH_BUSY'
  /** A step ran past its timeout on the test clock. */
  | 'FRAMEWORK_STEP_TIMEOUT'
  /** The run was aborted (operator, Ctrl-C, dashboard). */
  | 'FRAMEWORK_ABORTED'
  /** A test measured something it did not declare, or defined itself wrongly. */
  | 'FRAMEWORK_BAD_TEST'
  /** The configuration gives no address for an instrument (e.g. a missing VISA resource string). */
  | 'FRAMEWORK_BAD_CONFIG'

/** The framework's one error class. */
export class FrameworkError extends CodedError<FrameworkErrorCode> {
  override readonly name = 'FrameworkError'
}
