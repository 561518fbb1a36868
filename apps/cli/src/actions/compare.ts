import {
  type ComparedRun,
  type Curve,
  compareRuns,
  loadRunData,
  type ResultComparison,
  type RunComparison,
} from '@dvt/analysis'
import { showsSocketColumn } from '@dvt/storage/records'
import { formatTime, formatValue, table } from '../format'
import { loadCliConfig } from '../load-cli-config'
import { openCliStorage } from '../open-cli-storage'

interface CompareFlags {
  json?: boolean
  config?: string
}

const dash = '—'
const value = (v: number | null) => (v === null ? dash : formatValue(v))

function runLine(label: string, run: ComparedRun): string {
  const serial = run.dutSerial ? `serial ${run.dutSerial}` : 'no serial'
  const seed = run.seed === null ? '' : `, seed ${run.seed}`
  return `${label}  ${run.id.slice(0, 8)}  ${run.test}  ${run.status}  ${formatTime(run.startedAt)}  ${serial}${seed}`
}

function verdict(r: ResultComparison): string {
  if (r.significant === null) return r.difference === null ? 'only in one run' : 'noise unknown'
  return r.significant ? 'DIFFERENT' : 'within noise'
}

function resultRow(r: ResultComparison): string[] {
  return [r.parameter, value(r.a), value(r.b), value(r.difference), value(r.interval), r.unit, verdict(r)]
}

/** `vout_avg vs chamber temperature  6 points  largest |b − a| 3.2e-6 V at 85 °C`, for curves with matched points. */
function curveRow(curve: Curve): string[] {
  const largest = curve.matched.reduce((best, p) => (Math.abs(p.difference) > Math.abs(best.difference) ? p : best))
  return [
    `${curve.parameter} vs ${curve.x.label.toLowerCase()}`,
    String(curve.matched.length),
    `${formatValue(largest.difference)} ${curve.unit} at ${formatValue(largest.x)} ${curve.x.unit}`,
  ]
}

function printComparison(c: RunComparison): void {
  console.log(runLine('a', c.a))
  console.log(runLine('b', c.b))
  if (c.a.test !== c.b.test)
    console.log(`note: a is a ${c.a.test} run and b a ${c.b.test} run; results of one name are compared`)
  const header = ['parameter', 'a', 'b', 'b − a', '± 95 %', 'unit', 'verdict']
  // Board-wide runs: socket n of a against socket n of b, a socket column first.
  const rows = showsSocketColumn(c.results)
    ? table(
        ['socket', ...header],
        c.results.map((r) => [r.socket === null ? dash : String(r.socket), ...resultRow(r)]),
      )
    : table(header, c.results.map(resultRow))
  console.log(`\n${c.results.length > 0 ? rows : '(no results)'}`)
  const matched = c.curves.filter((curve) => curve.matched.length > 0)
  if (matched.length > 0) {
    console.log(`\nCurves: b − a at the settings both runs measured`)
    console.log(table(['curve', 'points', 'largest difference'], matched.map(curveRow)))
  }
  const judged = c.results.filter((r) => r.significant !== null).length
  const different = c.results.filter((r) => r.significant).length
  const level = `${Math.round(c.level * 100)} %`
  console.log(
    different > 0
      ? `\n${different} of ${judged} results differ beyond the runs' noise (${level}): ${c.significant.join(', ')}`
      : `\nno result differs beyond the runs' noise (${level}; ${judged} compared)`,
  )
}

/** `dvt compare <a> <b>`: results side by side, each difference against the runs' own noise (docs/compare.md). */
export async function compare(a: string, b: string, flags: CompareFlags): Promise<number> {
  const storage = await openCliStorage(loadCliConfig(flags))
  try {
    const comparison = compareRuns(await loadRunData(storage, a), await loadRunData(storage, b))
    if (flags.json) console.log(JSON.stringify(comparison))
    else printComparison(comparison)
    return 0
  } finally {
    await storage.close()
  }
}
