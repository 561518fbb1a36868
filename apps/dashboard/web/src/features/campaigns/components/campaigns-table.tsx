import { dateTime, shortId, wallDuration } from '../../../lib/format'
import { linkHandler } from '../../../lib/router'
import { StatusBadge } from '../../../lib/ui/badge'
import { rowLink } from '../../../lib/ui/row-link'
import { type Column, Table } from '../../../lib/ui/table'
import type { CampaignRecord } from '../api/campaigns'

const columns: Column[] = [
  { label: 'Campaign' },
  { label: 'Plan' },
  { label: 'Lot' },
  { label: 'Status' },
  { label: 'Progress', numeric: true },
  { label: 'Yield', numeric: true },
  { label: 'Started' },
  { label: 'Duration' },
]

/** "87.5 %", or a dash before any DUT is complete. */
export function yieldText(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)} %`
}

/** The stored campaigns, newest first; the whole row opens the campaign. */
export function CampaignsTable(props: { campaigns: CampaignRecord[] }) {
  if (props.campaigns.length === 0) return <p className="muted empty">No campaigns yet.</p>
  return (
    <Table columns={columns} testId="campaigns-table">
      {props.campaigns.map((c) => (
        <tr key={c.id} {...rowLink(`/campaigns/${c.id}`, `Open campaign ${shortId(c.id)} (${c.name})`)}>
          <td>
            <a className="mono" href={`/campaigns/${c.id}`} onClick={linkHandler(`/campaigns/${c.id}`)} tabIndex={-1}>
              {shortId(c.id)}
            </a>
          </td>
          <td>{c.name}</td>
          <td>
            {c.lotName} ({c.lotSize})
          </td>
          <td>
            <StatusBadge status={c.status} />
          </td>
          <td className="num">
            {c.progress.pointsDone}/{c.progress.pointsTotal}
          </td>
          <td className="num">{yieldText(c.yield)}</td>
          <td>{dateTime(c.startedAt)}</td>
          <td>{wallDuration(c.startedAt, c.completedAt)}</td>
        </tr>
      ))}
    </Table>
  )
}
