import { comparisonChart } from '@dvt/charts'
import { useMemo } from 'react'
import { ChartFigure } from '../../../lib/ui/chart-figure'
import type { Curve } from '../api/compare'

/** One measured parameter of both runs overlaid (run a solid, run b dashed or open): the chart the PDF prints too. */
export function OverlayChart(props: { curve: Curve }) {
  const spec = useMemo(() => comparisonChart(props.curve), [props.curve])
  const about = spec.matched > 0 ? `${spec.matched} settings in both runs` : `${props.curve.unit}`
  return <ChartFigure spec={spec} about={about} testId="overlay-chart" height={260} />
}
