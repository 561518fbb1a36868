import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts'
import type { Series } from '../measurement-series'
import { chartGrid, chartMargin, xAxisProps, yAxisProps } from './chart-axes'
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
        <ScatterChart margin={chartMargin}>
          <CartesianGrid {...chartGrid} />
          <XAxis {...xAxisProps(series.xUnit)} name={series.xLabel} />
          <YAxis {...yAxisProps} name={series.parameter} />
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
