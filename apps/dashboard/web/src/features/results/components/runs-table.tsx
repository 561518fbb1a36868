import { dateTime, duration, shortId } from '../../../lib/format'
import { linkHandler } from '../../../lib/router'
import { StatusBadge } from '../../../lib/ui/badge'
import type { RunRecord } from '../api/runs'

function runDuration(run: RunRecord): string {
  if (!run.completedAt) return '—'
  return duration((Date.parse(run.completedAt) - Date.parse(run.startedAt)) / 1000)
}

/** The runs of one page, newest first; a row opens the run. */
export function RunsTable(props: { runs: RunRecord[] }) {
  if (props.runs.length === 0) return <p className="muted empty">No runs match.</p>
  return (
    <table className="table" data-testid="runs-table">
      <thead>
        <tr>
          <th>Run</th>
          <th>Test</th>
          <th>Status</th>
          <th>Started</th>
          <th>Duration</th>
          <th>DUT serial</th>
          <th>Operator</th>
          <th className="num">Rows</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr key={run.id}>
            <td>
              <a className="mono" href={`/results/${run.id}`} onClick={linkHandler(`/results/${run.id}`)}>
                {shortId(run.id)}
              </a>
            </td>
            <td>{run.test}</td>
            <td>
              <StatusBadge status={run.status} />
            </td>
            <td>{dateTime(run.startedAt)}</td>
            <td>{runDuration(run)}</td>
            <td>{run.dutSerial ?? '—'}</td>
            <td>{run.operator ?? '—'}</td>
            <td className="num">{run.measurementCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
