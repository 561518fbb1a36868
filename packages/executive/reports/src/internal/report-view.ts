import { type EventRecord, type ResultRecord, type RunRecord, showsSocketColumn } from '@dvt/storage'
import type { ReportData } from '../report-data'
import type { ReportChart } from './charts/report-charts'
import { formatDateTime, formatDuration, formatNumber, formatTimeOfDay } from './format'

/** Everything the template prints, already formatted as text. */
export interface ReportView {
  companyName: string
  logoDataUri: string | null
  title: string
  runIdShort: string
  startedShort: string
  verdict: { kind: string; label: string; text: string }
  cards: Array<{ kind: string; value: string; label: string }>
  metaRows: Array<Array<{ label: string; value: string; cls: string; span: number }>>
  /** The results are of more than one socket: the table has a Socket column. */
  showSocket: boolean
  results: Array<{
    /** The DUT socket, or a dash for the run's one DUT. */
    socket: string
    parameter: string
    value: string
    unit: string
    lower: string
    upper: string
    badge: string
    badgeText: string
    failed: boolean
  }>
  showCharts: boolean
  charts: ReportChart[]
  events: Array<{ time: string; simTime: string; level: string; message: string }>
  parametersJson: string
  configSections: Array<{ name: string; json: string }>
}

const testTitles: Record<string, string> = {
  tempco: 'Output voltage temperature coefficient',
  load_regulation: 'Load regulation',
  line_regulation: 'Line regulation',
  dropout: 'Dropout voltage',
  iq_vs_temp: 'Quiescent current vs temperature',
  output_voltage: 'Output voltage',
  quiescent_current: 'Quiescent current',
}

/** A readable title for a test name (`load_regulation` → "Load regulation"). */
export function testTitle(test: string): string {
  return testTitles[test] ?? test.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase())
}

const configKeys = ['dut', 'simulation', 'physics', 'instruments', 'station'] as const
const dash = '\u2014'
const maxNamedFailures = 5

function verdictOf(run: RunRecord, results: readonly ResultRecord[]): ReportView['verdict'] {
  const failed = results.filter((r) => r.passed === false)
  const judged = results.filter((r) => r.passed !== null).length
  switch (run.status) {
    case 'passed':
      return { kind: 'passed', label: 'PASSED', text: `All ${judged} judged results are within their limits.` }
    case 'failed': {
      const shown = failed.slice(0, maxNamedFailures).map((r) => r.parameter)
      const more = failed.length - shown.length
      const names = more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ')
      const detail = `${failed.length} of ${judged} judged results outside their limits`
      return { kind: 'failed', label: 'FAILED', text: names ? `${detail}: ${names}.` : `${detail}.` }
    }
    case 'error':
      return { kind: 'error', label: 'ERROR', text: run.statusReason ?? 'The run ended with an error.' }
    case 'aborted':
      return { kind: 'aborted', label: 'ABORTED', text: run.statusReason ?? 'The run was aborted.' }
    default:
      return { kind: 'pending', label: 'IN PROGRESS', text: `The run is ${run.status}; results may be incomplete.` }
  }
}

function metaRows(run: RunRecord, measurementCount: number): ReportView['metaRows'] {
  const cell = (label: string, value: string | number | null, cls = '', span = 1) => ({
    label,
    value: value === null || value === '' ? dash : String(value),
    cls,
    span,
  })
  const rows = [
    [cell('Run ID', run.id, 'mono', 3)],
    [cell('Test', run.test, 'mono'), cell('DUT serial', run.dutSerial)],
    [cell('Operator', run.operator), cell('Station', run.station)],
    [cell('Started', formatDateTime(run.startedAt)), cell('Completed', formatDateTime(run.completedAt))],
    [cell('Duration', formatDuration(run.startedAt, run.completedAt)), cell('Software version', run.softwareVersion)],
    [cell('Simulation seed', run.seed), cell('Measurements', measurementCount)],
  ]
  if (run.description) rows.push([cell('Description', run.description, 'description', 3)])
  return rows
}

function resultRow(r: ResultRecord): ReportView['results'][number] {
  const limit = (v: number | null) => (v === null ? dash : formatNumber(v))
  const badge = r.passed === null ? 'info' : r.passed ? 'pass' : 'fail'
  return {
    socket: r.socket === null ? dash : String(r.socket),
    parameter: r.parameter,
    value: formatNumber(r.value),
    unit: r.unit,
    lower: limit(r.lowerLimit),
    upper: limit(r.upperLimit),
    badge,
    badgeText: badge === 'info' ? 'INFO' : badge.toUpperCase(),
    failed: r.passed === false,
  }
}

function eventRow(e: EventRecord): ReportView['events'][number] {
  return {
    time: formatTimeOfDay(e.time),
    simTime: e.simTime === null ? dash : e.simTime.toFixed(1),
    level: e.level,
    message: e.message,
  }
}

function configSections(config: unknown): ReportView['configSections'] {
  if (config === null || config === undefined) return []
  if (typeof config !== 'object' || Array.isArray(config)) return [{ name: 'Configuration', json: pretty(config) }]
  const record = config as Record<string, unknown>
  return configKeys
    .filter((k) => record[k] !== undefined)
    .map((k) => ({ name: `Configuration: ${k}`, json: pretty(record[k]) }))
}

/** Indented JSON with arrays of plain values kept on one line (`[-40, -20, 0, 25]`). */
export function pretty(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return `[${value.map((v) => pretty(v)).join(', ')}]`
    const inner = value.map((v) => `${indent}  ${pretty(v, `${indent}  `)}`)
    return value.length === 0 ? '[]' : `[\n${inner.join(',\n')}\n${indent}]`
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined)
    if (entries.length === 0) return '{}'
    const inner = entries.map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${pretty(v, `${indent}  `)}`)
    return `{\n${inner.join(',\n')}\n${indent}}`
  }
  return JSON.stringify(value) ?? String(value)
}

export interface ViewOptions {
  companyName: string
  logoDataUri: string | null
  includeCharts: boolean
  charts: ReportChart[]
}

/** Turns report data into the template's view: formatting, verdict, cards, tables, config sections. */
export function buildReportView(data: ReportData, options: ViewOptions): ReportView {
  const { run, results } = data
  const passed = results.filter((r) => r.passed === true).length
  const failed = results.filter((r) => r.passed === false).length
  return {
    companyName: options.companyName,
    logoDataUri: options.logoDataUri,
    title: testTitle(run.test),
    runIdShort: run.id.slice(0, 8),
    startedShort: formatDateTime(run.startedAt),
    verdict: verdictOf(run, results),
    cards: [
      { kind: 'pass', value: String(passed), label: 'Results passed' },
      { kind: 'fail', value: String(failed), label: 'Results failed' },
      { kind: 'total', value: String(results.length), label: 'Results total' },
      { kind: 'info', value: String(Math.max(data.measurements.length, run.measurementCount)), label: 'Readings' },
    ],
    metaRows: metaRows(run, Math.max(data.measurements.length, run.measurementCount)),
    showSocket: showsSocketColumn(results),
    results: results.map(resultRow),
    showCharts: options.includeCharts,
    charts: options.charts,
    events: data.events.map(eventRow),
    parametersJson: pretty(run.parameters),
    configSections: configSections(run.config),
  }
}
