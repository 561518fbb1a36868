import { conditionsLabel, formatCharacteristic } from '@dvt/charts'
import { type Column, Table } from '../../../lib/ui/table'
import type { CampaignSummary } from '../api/campaigns'

const columns: Column[] = [
  { label: 'Serial' },
  { label: 'Board', numeric: true },
  { label: 'Socket', numeric: true },
  { label: 'Verdict' },
  { label: 'Results outside their limits' },
]

/** Each DUT's verdict and what failed, as the PDF lists them. */
export function DutTable(props: { summary: CampaignSummary }) {
  const { duts, results } = props.summary
  return (
    <Table columns={columns} testId="dut-verdicts">
      {duts.map((d) => {
        const failed = results.filter((r) => r.serial === d.serial && r.passed === false)
        const tone = d.verdict === null ? 'muted' : d.verdict === 'pass' ? 'good' : 'bad'
        return (
          <tr key={d.serial}>
            <td className="mono">{d.serial}</td>
            <td className="num">{d.board + 1}</td>
            <td className="num">{d.socket}</td>
            <td>
              <span className={`badge badge-${tone}`}>{d.verdict === null ? 'PENDING' : d.verdict.toUpperCase()}</span>
            </td>
            <td className="small">
              {failed.length === 0
                ? '—'
                : failed
                    .map(
                      (r) =>
                        `${r.parameter} = ${formatCharacteristic(r.value)} ${r.unit} at ${conditionsLabel(r.conditions)}`,
                    )
                    .join('; ')}
            </td>
          </tr>
        )
      })}
    </Table>
  )
}
