import { CodedError } from '@dvt/protocol'
/** Why a dashboard request or start-up failed. */
export type DashboardErrorCode =
  | 'DASHBOARD_BAD_REQUEST'
  | 'DASHBOARD_UNAUTHORIZED'
  | 'DASHBOARD_FORBIDDEN'
  | 'DASHBOARD_NOT_FOUND'
  | 'DASHBOARD_BENCH_BUSY'
  | 'DASHBOARD_NOT_RUNNING'
  | 'DASHBOARD_INSTRUMENT'
  | 'DASHBOARD_REPORTS_UNAVAILABLE'
  | 'DASHBOARD_TOKEN_REQUIRED'
  | 'DASHBOARD_PORT_IN_USE'

const statusByCode: Record<DashboardErrorCode, number> = {
  DASHBOARD_BAD_REQUEST: 400,
  DASHBOARD_UNAUTHORIZED: 401,
  DASHBOARD_FORBIDDEN: 403,
  DASHBOARD_NOT_FOUND: 404,
  DASHBOARD_BENCH_BUSY: 409,
  DASHBOARD_NOT_RUNNING: 409,
  DASHBOARD_INSTRUMENT: 502,
  DASHBOARD_REPORTS_UNAVAILABLE: 501,
  DASHBOARD_TOKEN_REQUIRED: 500,
  DASHBOARD_PORT_IN_USE: 500,
}

/** The dashboard's one error class: its message is a sentence safe to show to a user. */
export class DashboardError extends CodedError<DashboardErrorCode> {
  override readonly name = 'DashboardError'

  /** The HTTP status this error answers with. */
  get statusCode(): number {
    return statusByCode[this.code]
  }
}
