import type { ResultComparison } from '@dvt/analysis'
import { showsSocketColumn } from '@dvt/storage/records'
import type { ReportData } from '../report-data'
import type { ReportChart } from './charts/report-charts'
import { formatDateTime, formatNumber } from './format'

/** The comparison section as the template prints it. */
export interface ComparisonView {
  otherShort: string
  runs: Array<{ label: string; id: string; test: string; status: string; started: string; serial: string }>
  summary: string
  /** The results span sockets of a board-wide run: a Socket column first. */
  showSocket: boolean
  rows: Array<{
    socket: string
    parameter: string
    a: string
    b: string
    difference: string
    interval: string
    unit: string
    badge: string
    badgeText: string
  }>
  charts: ReportChart[]
}

const dash = '\u2014'
const number = (v: number | null) => (v === null ? dash : formatNumber(v))

function row(r: ResultComparison): ComparisonView['rows'][number] {
  const [badge, badgeText] =
    r.significant === null
      ? ['info', r.difference === null ? 'ONE RUN' : 'NO NOISE']
      : r.significant
        ? ['fail', 'DIFFERENT']
        : ['pass', 'WITHIN NOISE']
  return {
    socket: r.socket === null ? dash : String(r.socket),
    parameter: r.parameter,
    a: number(r.a),
    b: number(r.b),
    difference: number(r.difference),
    interval: r.interval === null ? dash : `\u00b1 ${formatNumber(r.interval, 3)}`,
    unit: r.unit,
    badge,
    badgeText,
  }
}

/** The section comparing the report's run (a) with another (b), or null when there is none. */
export function buildComparisonView(data: ReportData, charts: ReportChart[]): ComparisonView | null {
  if (!data.comparison) return null
  const { other, result } = data.comparison
  const runs = [
    { label: 'a', run: data.run },
    { label: 'b', run: other },
  ].map(({ label, run }) => ({
    label,
    id: run.id,
    test: run.test,
    status: run.status,
    started: formatDateTime(run.startedAt),
    serial: run.dutSerial ?? dash,
  }))
  const judged = result.results.filter((r) => r.significant !== null).length
  const different = result.results.filter((r) => r.significant).length
  const level = `${Math.round(result.level * 100)} %`
  const summary =
    different > 0
      ? `${different} of ${judged} results of run b differ from run a beyond the two runs' own noise (${level}): ${result.significant.join(', ')}.`
      : `No result of run b differs from run a beyond the two runs' own noise (${level}; ${judged} compared).`
  const showSocket = showsSocketColumn(result.results)
  return { otherShort: other.id.slice(0, 8), runs, summary, showSocket, rows: result.results.map(row), charts }
}
