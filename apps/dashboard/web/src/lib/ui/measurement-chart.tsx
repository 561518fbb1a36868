import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { Series } from '../measurement-series'
import { chartColors } from './chart-colors'

/** One measured parameter against its natural x axis. */
export function MeasurementChart(props: { series: Series; index: number }) {
  const { series } = props
  const color = chartColors.series[props.index % chartColors.series.length]
  const asLine = series.xUnit === 's'
  return (
    <figure className="chart-figure" data-testid="measurement-chart">
      <figcaption>
        <strong>{series.parameter}</strong> ({series.unit}) vs {series.xLabel.toLowerCase()} · {series.points.length}{' '}
        points
      </figcaption>
      <ResponsiveContainer width="100%" height={240}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            domain={['auto', 'auto']}
            name={series.xLabel}
            unit={` ${series.xUnit}`}
            tick={{ fontSize: 11 }}
          />
          <YAxis
            dataKey="y"
            type="number"
            domain={['auto', 'auto']}
            name={series.parameter}
            tick={{ fontSize: 11 }}
            width={84}
            tickFormatter={(v: number) => Number(v.toPrecision(6)).toString()}
          />
          <Tooltip cursor={{ strokeDasharray: '3 3' }} />
          <Scatter
            data={series.points}
            fill={color}
            line={asLine ? { stroke: color, strokeWidth: 1.5 } : false}
            shape="circle"
            isAnimationActive={false}
          />
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  )
}
