import { compareRuns, loadRunData, type RunComparison } from '@dvt/analysis'
import {
  type CampaignRecord,
  type EventRecord,
  isStorageError,
  type MeasurementRow,
  type ResultRecord,
  type RunRecord,
  type StorageBackend,
} from '@dvt/storage'
import { ReportError } from './report-error'

/** Everything a report shows about one run. */
export interface ReportData {
  run: RunRecord
  results: ResultRecord[]
  events: EventRecord[]
  measurements: MeasurementRow[]
  /** With it, the report has a section comparing the run (a) with this other one (b): docs/compare.md. */
  comparison?: { other: RunRecord; result: RunComparison }
}

/**
 * Reads one run and all it recorded from storage. `runIdOrPrefix` is a full ID or an 8+ hex prefix; an unknown or
 * ambiguous ID throws the storage's own error (its message already says what to do).
 */
export async function loadReportData(storage: StorageBackend, runIdOrPrefix: string): Promise<ReportData> {
  try {
    return await loadRunData(storage, runIdOrPrefix)
  } catch (error) {
    if (isStorageError(error)) throw error
    throw new ReportError('REPORT_RUN_NOT_FOUND', (error as Error).message, { cause: error })
  }
}

/** Run a's report data with a section comparing it with run b (both IDs full or 8+ hex prefixes). */
export async function loadComparisonReportData(
  storage: StorageBackend,
  runA: string,
  runB: string,
): Promise<ReportData> {
  const a = await loadReportData(storage, runA)
  const b = await loadReportData(storage, runB)
  return { ...a, comparison: { other: b.run, result: compareRuns(a, b) } }
}

/** What an ID given to `dvt export-report` names: a run, or a campaign. */
export type ReportSubject = { kind: 'run'; id: string } | { kind: 'campaign'; id: string }

const code = (error: unknown): unknown => (error as { code?: unknown } | null)?.code

/**
 * Resolves a full ID or a prefix as a run first, then as a campaign. A prefix that matches several runs (or, when
 * no run, several campaigns) throws the storage's own sentence; one that matches nothing throws
 * `REPORT_NOT_FOUND` naming both lists.
 */
export async function resolveReportSubject(storage: StorageBackend, idOrPrefix: string): Promise<ReportSubject> {
  try {
    return { kind: 'run', id: await storage.resolveRunId(idOrPrefix) }
  } catch (error) {
    if (code(error) !== 'STORAGE_RUN_NOT_FOUND') throw error
  }
  try {
    return { kind: 'campaign', id: await storage.resolveCampaignId(idOrPrefix) }
  } catch (error) {
    if (code(error) !== 'STORAGE_CAMPAIGN_NOT_FOUND') throw error
    throw new ReportError(
      'REPORT_NOT_FOUND',
      `no run or campaign matches "${idOrPrefix}" — "dvt list-runs" and "dvt list-campaigns" show the IDs`,
      { cause: error },
    )
  }
}

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * The server-chosen file name of a run's report: `<test>_<id8>_<YYYYMMDD-HHMMSS>.pdf` (`<id8>_vs_<id8>` for a
 * report with a comparison), time in UTC.
 * The test name is reduced to `[A-Za-z0-9_-]` so the name is always a plain file name.
 */
export function defaultReportFileName(
  run: Pick<RunRecord, 'id' | 'test'>,
  now: Date = new Date(),
  comparedWith?: Pick<RunRecord, 'id'>,
): string {
  const test = run.test.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'run'
  const short = (id: string) => id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)
  const id8 = comparedWith ? `${short(run.id)}_vs_${short(comparedWith.id)}` : short(run.id)
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  return `${test}_${id8}_${date}-${time}.pdf`
}

/** The server-chosen file name of a campaign's report: `campaign_<lot>_<id8>_<YYYYMMDD-HHMMSS>.pdf`, time in UTC. */
export function defaultCampaignReportFileName(
  campaign: Pick<CampaignRecord, 'id' | 'lotName'>,
  now: Date = new Date(),
): string {
  const lot = campaign.lotName.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'lot'
  const id8 = campaign.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  return `campaign_${lot}_${id8}_${date}-${time}.pdf`
}
