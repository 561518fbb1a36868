import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { chartColors } from '../../../lib/ui/chart-colors'
import type { TelemetryPoint } from '../../../lib/ws-store'

interface Series {
  key: keyof TelemetryPoint
  name: string
  color: string
  dashed?: boolean
  axis?: 'left' | 'right'
}

function minutes(t: number): string {
  return `${(t / 60).toFixed(1)}`
}

function RollingChart(props: { data: TelemetryPoint[]; series: Series[]; left: string; right?: boolean }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <LineChart data={props.data} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
        <XAxis
          dataKey="t_s"
          type="number"
          domain={['dataMin', 'dataMax']}
          tickFormatter={minutes}
          tick={{ fontSize: 11 }}
          label={{ value: 'sim time (min)', position: 'insideBottomRight', offset: -2, fontSize: 11 }}
        />
        <YAxis yAxisId="left" domain={['auto', 'auto']} tick={{ fontSize: 11 }} width={56} unit={props.left} />
        {props.right && (
          <YAxis yAxisId="right" orientation="right" domain={['auto', 'auto']} tick={{ fontSize: 11 }} width={48} />
        )}
        <Tooltip labelFormatter={(t) => `t = ${Number(t).toFixed(1)} s`} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {props.series.map((s) => (
          <Line
            key={s.key}
            yAxisId={s.axis ?? 'left'}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeDasharray={s.dashed ? '5 4' : undefined}
            dot={false}
            strokeWidth={1.8}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  )
}

const temperatureSeries: Series[] = [
  { key: 'setpoint_c', name: 'Setpoint', color: chartColors.setpoint, dashed: true },
  { key: 'chamber_c', name: 'Chamber', color: chartColors.chamber },
  { key: 'case_c', name: 'Case', color: chartColors.case },
  { key: 'junction_c', name: 'Junction', color: chartColors.junction },
]

const electricalSeries: Series[] = [
  { key: 'vin_v', name: 'V_in', color: chartColors.vin },
  { key: 'vout_v', name: 'V_out', color: chartColors.vout },
  { key: 'iout_a', name: 'I_out (A)', color: chartColors.iout, axis: 'right' },
  { key: 'pdiss_w', name: 'P (W)', color: chartColors.power, axis: 'right' },
]

/** Rolling chart of the four temperatures. */
export function TemperatureChart(props: { data: TelemetryPoint[] }) {
  return <RollingChart data={props.data} series={temperatureSeries} left="°C" />
}

/** Rolling chart of voltages (left axis, V) and current and power (right axis, A and W). */
export function ElectricalChart(props: { data: TelemetryPoint[] }) {
  return <RollingChart data={props.data} series={electricalSeries} left="V" right />
}
