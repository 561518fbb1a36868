import { Panel } from '../../../lib/ui/panel'
import { useTelemetry, useTelemetryHistory } from '../../../lib/use-live'
import { ControlsForm } from './controls-form'
import { ElectricalChart, TemperatureChart } from './live-charts'
import { ScpiConsole } from './scpi-console'
import { ValueCards } from './value-cards'

/** Live values, rolling charts, bench controls and the SCPI console. */
export function LivePage() {
  const telemetry = useTelemetry()
  const history = useTelemetryHistory()
  return (
    <div className="page">
      <ValueCards telemetry={telemetry} />
      <div className="two-col">
        <Panel title="Temperatures">
          <TemperatureChart data={history} />
        </Panel>
        <Panel title="Electrical">
          <ElectricalChart data={history} />
        </Panel>
      </div>
      <div className="two-col">
        <Panel title="Controls">
          <ControlsForm telemetry={telemetry} />
        </Panel>
        <Panel title="SCPI console">
          <ScpiConsole />
        </Panel>
      </div>
    </div>
  )
}
