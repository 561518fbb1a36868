import type { DutState, SocketSnapshot } from '@dvt/protocol'
import { fixed } from '../../../lib/format'
import { Table } from '../../../lib/ui/table'

const columns = [
  { label: 'Socket', numeric: true },
  { label: 'Serial' },
  { label: 'Junction (°C)', numeric: true },
  { label: 'V_out (V)', numeric: true },
  { label: 'State' },
]

const stateTone: Record<DutState, string> = { on: 'good', off: 'muted', shutdown: 'bad', current_limit: 'bad' }

/** One row per DUT socket: serial, junction, V_out and state; the chosen socket's row is marked, a click chooses. */
export function SocketTable(props: {
  sockets: readonly SocketSnapshot[]
  chosen: number
  onChoose: (socket: number) => void
}) {
  return (
    <Table columns={columns} testId="socket-table">
      {props.sockets.map((s, i) => {
        const n = i + 1
        return (
          <tr
            key={n}
            className={n === props.chosen ? 'row-chosen' : undefined}
            aria-selected={n === props.chosen}
            onClick={() => props.onChoose(n)}
          >
            <td className="num">{n}</td>
            <td className="mono">{s.serial || '— empty —'}</td>
            <td className="num">{fixed(s.junction_c, 2)}</td>
            <td className="num">{fixed(s.vout_v, 5)}</td>
            <td className={`state-${stateTone[s.dut_state]}`}>{s.dut_state}</td>
          </tr>
        )
      })}
    </Table>
  )
}

/** Which socket the cards and charts show. */
export function SocketPicker(props: { count: number; chosen: number; onChoose: (socket: number) => void }) {
  return (
    <label className="socket-picker">
      Cards and charts show socket{' '}
      <select aria-label="Socket" value={props.chosen} onChange={(e) => props.onChoose(Number(e.target.value))}>
        {Array.from({ length: props.count }, (_, i) => (
          <option key={i + 1} value={i + 1}>
            {i + 1}
          </option>
        ))}
      </select>
    </label>
  )
}
