import { type CampaignChartSpec, campaignCharts, HistogramChart } from '@dvt/charts'
import { useMemo } from 'react'
import { ChartFigure } from '../../../lib/ui/chart-figure'
import { useElementWidth } from '../../../lib/use-element-width'
import type { CampaignSummary } from '../api/campaigns'

function Histogram(props: { spec: Extract<CampaignChartSpec, { kind: 'histogram' }> }) {
  const { ref, width } = useElementWidth<HTMLElement>()
  return (
    <figure className="chart-figure" data-testid="campaign-histogram" ref={ref}>
      <figcaption>
        <strong>{props.spec.title}</strong>
      </figcaption>
      {width > 0 && <HistogramChart {...props.spec} width={width} height={220} />}
    </figure>
  )
}

/** The campaign's charts (those its PDF prints): each parameter against temperature for the lot, and histograms. */
export function CampaignChartsView(props: { summary: CampaignSummary }) {
  const { results, statistics } = props.summary
  const charts = useMemo(() => campaignCharts({ results, statistics }), [results, statistics])
  const lots = charts.filter((c) => c.kind === 'lot')
  const histograms = charts.filter(
    (c): c is Extract<CampaignChartSpec, { kind: 'histogram' }> => c.kind === 'histogram',
  )
  if (charts.length === 0) return <p className="muted empty">The charts appear as the first results arrive.</p>
  return (
    <>
      <div className="chart-grid">
        {lots.map((spec) => (
          <ChartFigure key={spec.id} spec={spec} about={spec.caption} testId="campaign-lot-chart" />
        ))}
      </div>
      <div className="chart-grid histograms">
        {histograms.map((spec) => (
          <Histogram key={spec.id} spec={spec} />
        ))}
      </div>
    </>
  )
}
