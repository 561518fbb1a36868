import { CodedError } from '@dvt/protocol'

/** What went wrong while producing a report. */
export type ReportErrorCode =
  | 'REPORT_CHROMIUM_MISSING'
  | 'REPORT_LAUNCH_FAILED'
  | 'REPORT_TIMEOUT'
  | 'REPORT_RENDER_FAILED'
  | 'REPORT_WRITE_FAILED'
  | 'REPORT_RUN_NOT_FOUND'
  | 'REPORT_NOT_FOUND'
  | 'REPORT_CLOSED'

/** The one error class of `@dvt/reports`; `message` is a sentence a user can act on. */
export class ReportError extends CodedError<ReportErrorCode> {
  override readonly name = 'ReportError'
}
