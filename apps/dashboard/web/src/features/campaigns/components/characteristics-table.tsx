import { conditionsLabel, formatCharacteristic, formatLimits, parameterLabel } from '@dvt/charts'
import { type Column, Table } from '../../../lib/ui/table'
import type { CampaignStatistic } from '../api/campaigns'

const columns: Column[] = [
  { label: 'Parameter' },
  { label: 'Conditions' },
  { label: 'Min', numeric: true },
  { label: 'Typ', numeric: true },
  { label: 'Max', numeric: true },
  { label: 'Limits', numeric: true },
  { label: 'Unit' },
  { label: 'Cpk', numeric: true },
  { label: 'n', numeric: true },
  { label: 'Yield', numeric: true },
]

/** The electrical characteristics table, as the campaign's PDF prints it (the same formatting). */
export function CharacteristicsTable(props: { statistics: CampaignStatistic[] }) {
  if (props.statistics.length === 0) return <p className="muted empty">No results yet.</p>
  return (
    <Table columns={columns} testId="characteristics">
      {props.statistics.map((s) => (
        <tr
          key={`${s.parameter} ${conditionsLabel(s.conditions)}`}
          className={s.yield !== null && s.yield < 1 ? 'row-different' : undefined}
        >
          <td>
            <span className="mono">{s.parameter}</span>
            {parameterLabel(s.parameter) !== s.parameter && (
              <div className="muted small">{parameterLabel(s.parameter)}</div>
            )}
          </td>
          <td>{conditionsLabel(s.conditions)}</td>
          <td className="num">{formatCharacteristic(s.min)}</td>
          <td className="num strong">{formatCharacteristic(s.mean)}</td>
          <td className="num">{formatCharacteristic(s.max)}</td>
          <td className="num">{formatLimits(s.lowerLimit, s.upperLimit)}</td>
          <td>{s.unit}</td>
          <td className="num">{s.cpk === null || !Number.isFinite(s.cpk) ? '—' : s.cpk.toFixed(2)}</td>
          <td className="num">{s.n}</td>
          <td className="num">{s.yield === null ? '—' : `${(s.yield * 100).toFixed(1)} %`}</td>
        </tr>
      ))}
    </Table>
  )
}
