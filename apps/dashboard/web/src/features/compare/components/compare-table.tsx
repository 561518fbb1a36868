import { showsSocketColumn } from '@dvt/storage/records'
import { reading } from '../../../lib/format'
import { type Column, Table } from '../../../lib/ui/table'
import type { ResultComparison } from '../api/compare'

const columns: Column[] = [
  { label: 'Parameter' },
  { label: 'Run a', numeric: true },
  { label: 'Run b', numeric: true },
  { label: 'b − a', numeric: true },
  { label: '± 95 % noise', numeric: true },
  { label: 'Verdict' },
]

function Verdict(props: { result: ResultComparison }) {
  const { significant, difference } = props.result
  if (significant === null) {
    return <span className="badge badge-muted">{difference === null ? 'ONE RUN' : 'NOISE UNKNOWN'}</span>
  }
  return significant ? (
    <span className="badge badge-bad">DIFFERENT</span>
  ) : (
    <span className="badge badge-good">WITHIN NOISE</span>
  )
}

/**
 * The results of both runs side by side, each difference judged against the runs' own noise; of board-wide runs,
 * socket by socket with a Socket column first.
 */
export function CompareTable(props: { results: ResultComparison[] }) {
  if (props.results.length === 0) return <p className="muted">Neither run has results.</p>
  const bySocket = showsSocketColumn(props.results)
  return (
    <Table columns={bySocket ? [{ label: 'Socket', numeric: true }, ...columns] : columns} testId="compare-table">
      {props.results.map((r) => (
        <tr key={`${r.socket ?? ''}:${r.parameter}`} className={r.significant ? 'row-different' : undefined}>
          {bySocket && <td className="num">{r.socket ?? '—'}</td>}
          <td className="mono">{r.parameter}</td>
          <td className="num">{reading(r.a, r.unit)}</td>
          <td className="num">{reading(r.b, r.unit)}</td>
          <td className="num">{reading(r.difference, r.unit)}</td>
          <td className="num">{reading(r.interval, r.unit)}</td>
          <td>
            <Verdict result={r} />
          </td>
        </tr>
      ))}
    </Table>
  )
}
