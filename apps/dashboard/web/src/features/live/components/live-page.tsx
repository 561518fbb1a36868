import { PanelRow } from '../../../lib/ui/panel'
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
      <PanelRow
        panels={[
          { title: 'Temperatures', body: <TemperatureChart data={history} /> },
          { title: 'Electrical', body: <ElectricalChart data={history} /> },
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
