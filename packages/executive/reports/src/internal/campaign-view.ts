import { conditionsLabel, formatCharacteristic, formatLimits, parameterLabel } from '@dvt/charts/labels'
import type { CampaignRecord, CampaignResult, CampaignStatistic, CampaignSummary } from '@dvt/storage'
import type { ReportChart } from './charts/report-charts'
import { formatDateTime, formatDuration, formatElapsed, formatNumber } from './format'

/** Everything the campaign template prints, already formatted as text. */
export interface CampaignView {
  companyName: string
  logoDataUri: string | null
  title: string
  idShort: string
  lotName: string
  startedShort: string
  verdict: { kind: string; label: string; text: string }
  cards: Array<{ kind: string; value: string; label: string }>
  metaRows: Array<Array<{ label: string; value: string; cls: string; span: number }>>
  characteristics: Array<{
    parameter: string
    label: string
    conditions: string
    min: string
    typ: string
    max: string
    limits: string
    unit: string
    cpk: string
    n: number
    yield: string
    failed: boolean
  }>
  showCharts: boolean
  lotCharts: ReportChart[]
  histograms: ReportChart[]
  duts: Array<{
    serial: string
    board: number
    socket: number
    badge: string
    badgeText: string
    failures: string
    failed: boolean
  }>
  accuracy: Array<{
    parameter: string
    conditions: string
    n: number
    mean: string
    std: string
    maxAbs: string
    unit: string
  }>
  planText: string
}

const dash = '\u2014'

const percent = (v: number): string => `${formatNumber(v * 100, 3)} %`

function verdictOf(c: CampaignRecord, duts: CampaignSummary['duts']): CampaignView['verdict'] {
  const judged = duts.filter((d) => d.verdict !== null)
  const passing = judged.filter((d) => d.verdict === 'pass').length
  const yieldText =
    c.yield === null ? 'no DUT is complete yet' : `yield ${percent(c.yield)} (${passing} of ${judged.length} DUTs)`
  const acceptance = c.minYield === null ? '' : ` against the acceptance of \u2265 ${percent(c.minYield)}`
  const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
  switch (c.status) {
    case 'passed':
      return { kind: 'passed', label: 'PASSED', text: `${sentence(yieldText)}${acceptance}: the lot is accepted.` }
    case 'failed':
      return { kind: 'failed', label: 'FAILED', text: `${sentence(yieldText)}${acceptance}: the lot is not accepted.` }
    case 'error':
      return { kind: 'error', label: 'ERROR', text: c.statusReason ?? 'The campaign ended with an error.' }
    case 'aborted':
      return {
        kind: 'aborted',
        label: 'ABORTED',
        text: `${c.statusReason ?? 'The campaign was aborted'}; ${yieldText}.`,
      }
    default:
      return { kind: 'pending', label: 'IN PROGRESS', text: `The campaign is ${c.status}; ${yieldText} so far.` }
  }
}

function metaRows(c: CampaignRecord, boards: number): CampaignView['metaRows'] {
  const cell = (label: string, value: string | number | null, cls = '', span = 1) => ({
    label,
    value: value === null || value === '' ? dash : String(value),
    cls,
    span,
  })
  const temperatures = c.temperaturesC.map((t) => `${formatNumber(t)} \u00b0C`).join(', ')
  return [
    [cell('Campaign ID', c.id, 'mono', 3)],
    [cell('Plan', c.name), cell('Plan file', c.planPath ?? 'pasted', 'mono')],
    [
      cell('Lot', `${c.lotName} (${c.lotSize} DUTs)`),
      cell('Sockets', `${c.sockets} (${boards} board${boards === 1 ? '' : 's'})`),
    ],
    [cell('Temperatures', temperatures), cell('Points', `${c.progress.pointsDone} of ${c.progress.pointsTotal}`)],
    [cell('Operator', c.operator), cell('Station', c.station)],
    [cell('Started', formatDateTime(c.startedAt)), cell('Completed', formatDateTime(c.completedAt))],
    [
      cell('Duration', formatDuration(c.startedAt, c.completedAt)),
      cell('Bench time covered', formatElapsed(c.simulatedSeconds * 1000)),
    ],
    [cell('Software version', c.softwareVersion, '', 3)],
  ]
}

function characteristicRow(s: CampaignStatistic): CampaignView['characteristics'][number] {
  return {
    parameter: s.parameter,
    label: parameterLabel(s.parameter) === s.parameter ? '' : parameterLabel(s.parameter),
    conditions: conditionsLabel(s.conditions),
    min: formatCharacteristic(s.min),
    typ: formatCharacteristic(s.mean),
    max: formatCharacteristic(s.max),
    limits: formatLimits(s.lowerLimit, s.upperLimit),
    unit: s.unit,
    cpk: s.cpk === null || !Number.isFinite(s.cpk) ? dash : s.cpk.toFixed(2),
    n: s.n,
    yield: s.yield === null ? dash : percent(s.yield),
    failed: s.yield !== null && s.yield < 1,
  }
}

function failureText(r: CampaignResult): string {
  return `${r.parameter} = ${formatCharacteristic(r.value)} ${r.unit} at ${conditionsLabel(r.conditions)}`
}

function dutRows(summary: CampaignSummary): CampaignView['duts'] {
  return summary.duts.map((d) => {
    const failures = summary.results.filter((r) => r.serial === d.serial && r.passed === false)
    const badge = d.verdict === null ? 'info' : d.verdict
    return {
      serial: d.serial,
      board: d.board + 1,
      socket: d.socket,
      badge,
      badgeText: d.verdict === null ? 'PENDING' : d.verdict.toUpperCase(),
      failures: failures.length > 0 ? failures.map(failureText).join('; ') : dash,
      failed: d.verdict === 'fail',
    }
  })
}

export interface CampaignViewOptions {
  companyName: string
  logoDataUri: string | null
  includeCharts: boolean
  lotCharts: ReportChart[]
  histograms: ReportChart[]
}

/** Turns a campaign summary into the template's view: verdict, cards, the characteristics table, DUTs, accuracy. */
export function buildCampaignView(summary: CampaignSummary, options: CampaignViewOptions): CampaignView {
  const c = summary.campaign
  const passing = summary.duts.filter((d) => d.verdict === 'pass').length
  const failing = summary.duts.filter((d) => d.verdict === 'fail').length
  const boards = Math.ceil(c.lotSize / Math.max(1, c.sockets))
  return {
    companyName: options.companyName,
    logoDataUri: options.logoDataUri,
    title: c.name,
    idShort: c.id.slice(0, 8),
    lotName: c.lotName,
    startedShort: formatDateTime(c.startedAt),
    verdict: verdictOf(c, summary.duts),
    cards: [
      { kind: 'total', value: String(c.lotSize), label: 'DUTs' },
      { kind: 'pass', value: String(passing), label: 'DUTs passed' },
      { kind: 'fail', value: String(failing), label: 'DUTs failed' },
      { kind: 'info', value: c.yield === null ? dash : percent(c.yield), label: 'Yield' },
    ],
    metaRows: metaRows(c, boards),
    characteristics: summary.statistics.map(characteristicRow),
    showCharts: options.includeCharts,
    lotCharts: options.lotCharts,
    histograms: options.histograms,
    duts: dutRows(summary),
    accuracy: summary.accuracy.map((a) => ({
      parameter: a.parameter,
      conditions: conditionsLabel(a.conditions),
      n: a.n,
      mean: formatCharacteristic(a.meanError),
      std: formatCharacteristic(a.stdError),
      maxAbs: formatCharacteristic(a.maxAbsError),
      unit: a.unit,
    })),
    planText: c.planText,
  }
}
