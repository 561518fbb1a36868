import { DashboardError } from '../errors'

/** HTTP status for the coded errors of the packages the dashboard calls (their messages are sentences). */
const statusByForeignCode: Record<string, number> = {
  FRAMEWORK_BAD_PARAMETER: 400,
  FRAMEWORK_UNKNOWN_TEST: 400,
  FRAMEWORK_BENCH_BUSY: 409,
  STORAGE_BAD_RUN_ID: 400,
  STORAGE_RUN_NOT_FOUND: 404,
  STORAGE_RUN_AMBIGUOUS: 400,
  STORAGE_BAD_CAMPAIGN_ID: 400,
  STORAGE_CAMPAIGN_NOT_FOUND: 404,
  STORAGE_CAMPAIGN_AMBIGUOUS: 400,
  REPORT_CHROMIUM_MISSING: 503,
  CAMPAIGN_INVALID_PLAN: 422,
  CAMPAIGN_BENCH: 409,
  CAMPAIGN_NOT_RESUMABLE: 409,
  CAMPAIGN_NOT_FOUND: 404,
  TRANSPORT_TIMEOUT: 502,
  TRANSPORT_CLOSED: 502,
  TRANSPORT_REFUSED: 502,
  DRIVER_INSTRUMENT_ERROR: 502,
}

export interface ErrorReply {
  status: number
  /** One sentence for the user; never a stack trace. */
  body: { error: string }
  /** True when the error is ours to fix (logged with its stack). */
  internal: boolean
}

/** Turns anything thrown by a route into a status and a one-sentence JSON body. */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof DashboardError) {
    return { status: error.statusCode, body: { error: error.message }, internal: error.statusCode >= 500 }
  }
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown } | null
  const message = typeof e?.message === 'string' ? e.message : ''
  if (typeof e?.code === 'string' && e.code in statusByForeignCode && message) {
    return { status: statusByForeignCode[e.code]!, body: { error: message }, internal: false }
  }
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && message) {
    return { status: e.statusCode, body: { error: message }, internal: false }
  }
  return {
    status: 500,
    body: { error: 'the dashboard hit an internal error — the server log has the details' },
    internal: true,
  }
}
