import { showsSocketColumn } from '@dvt/storage/records'
import { dateTime, duration, reading, wallDuration } from '../../../lib/format'
import { PassBadge } from '../../../lib/ui/badge'
import { type Column, Table } from '../../../lib/ui/table'
import type { EventRecord, ResultRecord, RunRecord } from '../api/runs'

const resultColumns: Column[] = [
  { label: 'Parameter' },
  { label: 'Value', numeric: true },
  { label: 'Lower limit', numeric: true },
  { label: 'Upper limit', numeric: true },
  { label: 'Verdict' },
]

function limit(value: number | null, unit: string): string {
  return value === null ? '—' : reading(value, unit)
}

/** Results with their limits and PASS/FAIL badges; a Socket column first when they are of several sockets. */
export function ResultsTable(props: { results: ResultRecord[] }) {
  if (props.results.length === 0) return <p className="muted">No results recorded.</p>
  const bySocket = showsSocketColumn(props.results)
  const columns = bySocket ? [{ label: 'Socket', numeric: true }, ...resultColumns] : resultColumns
  return (
    <Table columns={columns} testId="results-table">
      {props.results.map((r) => (
        <tr key={`${r.parameter}@${r.socket ?? ''}`}>
          {bySocket && <td className="num">{r.socket ?? '—'}</td>}
          <td className="mono">{r.parameter}</td>
          <td className="num">{reading(r.value, r.unit)}</td>
          <td className="num">{limit(r.lowerLimit, r.unit)}</td>
          <td className="num">{limit(r.upperLimit, r.unit)}</td>
          <td>
            <PassBadge passed={r.passed} />
          </td>
        </tr>
      ))}
    </Table>
  )
}

/** The run's metadata as a definition grid. */
export function RunMetadata(props: { run: RunRecord }) {
  const { run } = props
  const rows: Array<[string, string]> = [
    ['Run ID', run.id],
    ['Test', run.test],
    ['DUT serial', run.dutSerial ?? '—'],
    ['Operator', run.operator ?? '—'],
    ['Station', run.station ?? '—'],
    ['Started', dateTime(run.startedAt)],
    ['Completed', dateTime(run.completedAt)],
    ['Duration (wall)', wallDuration(run.startedAt, run.completedAt)],
    ['Software', run.softwareVersion],
    ['Seed', run.seed === null ? '—' : String(run.seed)],
    ['Measurements', String(run.measurementCount)],
    ['Description', run.description ?? '—'],
  ]
  if (run.statusReason) rows.push(['Reason', run.statusReason])
  return (
    <dl className="meta-grid">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd className={k === 'Run ID' ? 'mono' : undefined}>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The run's timeline. */
export function EventsTimeline(props: { events: EventRecord[] }) {
  if (props.events.length === 0) return <p className="muted">No events.</p>
  return (
    <ol className="timeline">
      {props.events.map((e, i) => (
        <li key={`${e.time}${i}`} className={`timeline-item level-${e.level}`}>
          <span className="timeline-time">
            {new Date(e.time).toLocaleTimeString()}
            {e.simTime !== null && <span className="muted"> · t={duration(e.simTime)}</span>}
          </span>
          <span className={`level level-${e.level}`}>{e.level}</span>
          <span className="timeline-message">{e.message}</span>
        </li>
      ))}
    </ol>
  )
}

/** Parameters and configuration as pretty JSON. */
export function ConfigurationBlock(props: { run: RunRecord }) {
  return (
    <div className="config-block">
      <h3>Parameters</h3>
      <pre className="code">{JSON.stringify(props.run.parameters, null, 2)}</pre>
      <details>
        <summary>Configuration</summary>
        <pre className="code">{JSON.stringify(props.run.config, null, 2)}</pre>
      </details>
    </div>
  )
}
