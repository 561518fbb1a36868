import type { RunChartSpec } from '@dvt/charts'
import { ChartFigure } from './chart-figure'

/** A run's chart (the one its PDF report prints). */
export function MeasurementChart(props: { spec: RunChartSpec }) {
  const { spec } = props
  const about =
    spec.kind === 'tempco'
      ? `slope ${spec.fit.ppmPerC.toFixed(2)} ppm/°C over ${spec.fit.n} ${spec.fittedTo}`
      : `${spec.readings} readings`
  return <ChartFigure spec={spec} about={about} testId="measurement-chart" />
}
