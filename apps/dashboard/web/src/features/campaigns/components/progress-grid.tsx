import { CAMPAIGN_POINT_STATUSES } from '@dvt/storage/records'
import type { CampaignPoint } from '../api/campaigns'

/** "load_regulation · supply_v 4": a step at one sweep point, without what the campaign sets itself. */
export function stepLabel(point: Pick<CampaignPoint, 'test' | 'parameters'>): string {
  const swept = Object.entries(point.parameters)
    .filter(([k]) => k !== 'temperature_c' && k !== 'dwell_s' && k !== 'sockets')
    .filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    .map(([k, v]) => `${k} ${v}`)
  return [point.test, ...swept].join(' · ')
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item])
  return groups
}

/**
 * The campaign's progress as a grid: one row per temperature, in each a block per board of one cell per step and
 * sweep point, coloured by its state (pending, running, done, failed, error).
 */
export function ProgressGrid(props: { points: CampaignPoint[] }) {
  const ordered = [...props.points].sort((a, b) => a.ordinal - b.ordinal)
  const temperatures = groupBy(ordered, (p) => p.temperatureIndex)
  const boards = [...new Set(ordered.map((p) => p.board))].sort((a, b) => a - b)
  const firstBlock = ordered.filter((p) => p.temperatureIndex === 0 && p.board === (boards[0] ?? 0))
  return (
    <div className="progress-grid-wrap">
      <table className="progress-grid" data-testid="progress-grid">
        <thead>
          <tr>
            <th scope="col">Temperature</th>
            {boards.map((b) => (
              <th key={b} scope="col">
                Board {b + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...temperatures].map(([index, points]) => {
            const perBoard = groupBy(points, (p) => p.board)
            return (
              <tr key={index}>
                <th scope="row">{points[0]?.temperatureC} °C</th>
                {boards.map((b) => (
                  <td key={b} className="grid-block">
                    <div className="grid-cells">
                      {(perBoard.get(b) ?? []).map((p) => (
                        <span
                          key={p.ordinal}
                          className={`grid-cell cell-${p.status}`}
                          data-testid="grid-cell"
                          data-state={p.status}
                          title={`${p.temperatureC} °C · board ${p.board + 1} · ${stepLabel(p)}: ${p.status}${p.attempts > 1 ? ` (${p.attempts} attempts)` : ''}`}
                        />
                      ))}
                    </div>
                  </td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
      <ol className="grid-steps muted">
        {firstBlock.map((p) => (
          <li key={p.ordinal}>{stepLabel(p)}</li>
        ))}
      </ol>
      <div className="grid-legend muted">
        {CAMPAIGN_POINT_STATUSES.map((s) => (
          <span key={s}>
            <span className={`grid-cell cell-${s}`} /> {s}
          </span>
        ))}
      </div>
    </div>
  )
}
