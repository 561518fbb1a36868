import { dateTime, shortId, wallDuration } from '../../../lib/format'
import { linkHandler } from '../../../lib/router'
import { StatusBadge } from '../../../lib/ui/badge'
import { rowLink } from '../../../lib/ui/row-link'
import { type Column, Table } from '../../../lib/ui/table'
import type { RunRecord } from '../api/runs'

const columns: Column[] = [
  { label: 'Run' },
  { label: 'Test' },
  { label: 'Status' },
  { label: 'Started' },
  { label: 'Duration' },
  { label: 'DUT serial' },
  { label: 'Operator' },
  { label: 'Rows', numeric: true },
]

/** The runs of one page, newest first; the whole row opens the run (click, or Enter on the focused row). */
export function RunsTable(props: { runs: RunRecord[] }) {
  if (props.runs.length === 0) return <p className="muted empty">No runs match.</p>
  return (
    <Table columns={columns} testId="runs-table">
      {props.runs.map((run) => (
        <tr key={run.id} {...rowLink(`/results/${run.id}`, `Open run ${shortId(run.id)} (${run.test})`)}>
          <td>
            <a className="mono" href={`/results/${run.id}`} onClick={linkHandler(`/results/${run.id}`)} tabIndex={-1}>
              {shortId(run.id)}
            </a>
          </td>
          <td>{run.test}</td>
          <td>
            <StatusBadge status={run.status} />
          </td>
          <td>{dateTime(run.startedAt)}</td>
          <td>{wallDuration(run.startedAt, run.completedAt)}</td>
          <td>{run.dutSerial ?? '—'}</td>
          <td>{run.operator ?? '—'}</td>
          <td className="num">{run.measurementCount}</td>
        </tr>
      ))}
    </Table>
  )
}
