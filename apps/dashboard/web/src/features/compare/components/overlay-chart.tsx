import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts'
import { chartGrid, chartMargin, xAxisProps, yAxisProps } from '../../../lib/ui/chart-axes'
import { chartColors } from '../../../lib/ui/chart-colors'
import type { Curve } from '../api/compare'

// One measured parameter of both runs overlaid: run a filled, run b open. Kept in this one file so it can move to the
// shared chart components with the others.

/** Beyond this many points a series is a trace (a transient): drawn as a line. */
const MAX_MARKERS = 80

export function OverlayChart(props: { curve: Curve }) {
  const { curve } = props
  const levels = [...new Set(curve.series.map((s) => s.label))]
  return (
    <figure className="chart-figure" data-testid="overlay-chart">
      <figcaption>
        <strong>{curve.parameter}</strong> ({curve.unit}) vs {curve.x.label.toLowerCase()}
        {curve.matched.length > 0 ? ` · ${curve.matched.length} settings in both runs` : ''}
      </figcaption>
      <ResponsiveContainer width="100%" height={260}>
        <ScatterChart margin={chartMargin}>
          <CartesianGrid {...chartGrid} />
          <XAxis {...xAxisProps(curve.x.unit)} />
          <YAxis {...yAxisProps} />
          <Tooltip cursor={{ strokeDasharray: '3 3' }} />
          <Legend />
          {curve.series.map((s) => {
            const shift = s.run === 'b' && levels.length === 1 ? 1 : 0
            const color = chartColors.series[(levels.indexOf(s.label) + shift) % chartColors.series.length]
            const trace = s.points.length > MAX_MARKERS
            return (
              <Scatter
                key={`${s.run}${s.label}`}
                name={`${s.run}${s.label ? ` ${s.label}` : ''}`}
                data={s.points}
                fill={s.run === 'a' ? color : '#ffffff'}
                stroke={color}
                line={
                  trace || s.run === 'a'
                    ? { stroke: color, strokeWidth: 1.5, strokeDasharray: s.run === 'b' ? '5 3' : undefined }
                    : false
                }
                shape={trace ? () => null : 'circle'}
                isAnimationActive={false}
              />
            )
          })}
        </ScatterChart>
      </ResponsiveContainer>
    </figure>
  )
}
