import { Panel, PanelRow } from '../../../lib/ui/panel'
import { useTelemetry, useTelemetryHistory } from '../../../lib/use-live'
import { historyOfSocket, snapshotOfSocket, socketCount } from '../hooks/socket-view'
import { useSocketChoice } from '../hooks/use-socket-choice'
import { ControlsForm } from './controls-form'
import { ElectricalChart, TemperatureChart } from './live-charts'
import { ScpiConsole } from './scpi-console'
import { SocketPicker, SocketTable } from './socket-table'
import { ValueCards } from './value-cards'

/** Live values, rolling charts, bench controls and the SCPI console; a board of several DUTs adds a socket table. */
export function LivePage() {
  const telemetry = useTelemetry()
  const history = useTelemetryHistory()
  const count = socketCount(telemetry)
  const [socket, choose] = useSocketChoice(count)
  const shown = historyOfSocket(history, socket)
  return (
    <div className="page">
      {count > 1 && telemetry?.sockets && (
        <Panel title="Sockets" actions={<SocketPicker count={count} chosen={socket} onChoose={choose} />}>
          <SocketTable sockets={telemetry.sockets} chosen={socket} onChoose={choose} />
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
      <PanelRow
        panels={[
          { title: 'Controls', body: <ControlsForm telemetry={telemetry} /> },
          { title: 'SCPI console', body: <ScpiConsole /> },
        ]}
      />
    </div>
  )
}
