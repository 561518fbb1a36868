import type { RunComparison } from '@dvt/analysis'
import { getJson, toQuery } from '../../../lib/api-client'
import { downloadFile } from '../../../lib/download'

// The server sends the analysis package's comparison as JSON: the page reads it with the same types.
export type { Curve, ResultComparison, RunComparison } from '@dvt/analysis'

/** `GET /api/compare?a=&b=`: run b compared with run a. */
export function getComparison(a: string, b: string): Promise<RunComparison> {
  return getJson(`/api/compare${toQuery({ a, b })}`)
}

/** Run a's PDF report with its comparison with run b. */
export function downloadComparisonReport(a: string, b: string): Promise<void> {
  return downloadFile(
    `/api/runs/${encodeURIComponent(a)}/report.pdf${toQuery({ compare: b })}`,
    `run_${a.slice(0, 8)}_vs_${b.slice(0, 8)}.pdf`,
  )
}
