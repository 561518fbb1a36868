import { BenchPicker } from '../../../lib/ui/bench-picker'
import { Panel, PanelRow } from '../../../lib/ui/panel'
import { useBenchChoice } from '../../../lib/use-bench-choice'
import { useBenchLive } from '../../../lib/use-live'
import { historyOfSocket, snapshotOfSocket, socketCount } from '../hooks/socket-view'
import { useSocketChoice } from '../hooks/use-socket-choice'
import { ControlsForm } from './controls-form'
import { ElectricalChart, TemperatureChart } from './live-charts'
import { ScpiConsole } from './scpi-console'
import { SocketPicker, SocketTable } from './socket-table'
import { ValueCards } from './value-cards'

/**
 * Live values, rolling charts, bench controls and the SCPI console of one bench; a fleet adds a bench picker, a
 * board of several DUTs a socket table.
 */
export function LivePage() {
  const { benches, bench, choose } = useBenchChoice('/live')
  const { telemetry, history } = useBenchLive(bench?.name ?? null)
  const count = socketCount(telemetry)
  const [socket, chooseSocket] = useSocketChoice(count)
  const shown = historyOfSocket(history, socket)
  return (
    <div className="page">
      {benches.length > 1 && bench !== null && (
        <div className="page-toolbar" data-testid="live-bench">
          <BenchPicker benches={benches.map((b) => b.name)} chosen={bench.name} onChoose={choose} />
        </div>
      )}
      {count > 1 && telemetry?.sockets && (
        <Panel title="Sockets" actions={<SocketPicker count={count} chosen={socket} onChoose={chooseSocket} />}>
          <SocketTable sockets={telemetry.sockets} chosen={socket} onChoose={chooseSocket} />
        </Panel>
      )}
      <ValueCards telemetry={snapshotOfSocket(telemetry, socket)} />
      <PanelRow
        panels={[
          {
            title: count > 1 ? `Temperatures — socket ${socket}` : 'Temperatures',
            body: <TemperatureChart data={shown} />,
          },
          { title: count > 1 ? `Electrical — socket ${socket}` : 'Electrical', body: <ElectricalChart data={shown} /> },
        ]}
      />
      {bench !== null && (
        <PanelRow
          panels={[
            // Another bench is another form and console: nothing typed for one is sent to the other.
            { title: 'Controls', body: <ControlsForm key={bench.name} bench={bench.name} telemetry={telemetry} /> },
            {
              title: 'SCPI console',
              body: <ScpiConsole key={bench.name} bench={bench.name} ports={bench.ports} />,
            },
          ]}
        />
      )}
    </div>
  )
}
