import type { BenchInfo } from '../../../../../src/schemas/messages'
import { useBenches, useBenchLive, useCampaigns, useStationRuns } from '../../../lib/use-live'
import { benchCardFacts, stationCampaign } from '../hooks/card-facts'
import { BenchCard } from './bench-card'

function FleetCard(props: { bench: BenchInfo }) {
  const live = useBenchLive(props.bench.name)
  const run = useStationRuns()[props.bench.name]
  const campaign = stationCampaign(useCampaigns(), props.bench.name)
  return <BenchCard bench={props.bench} facts={benchCardFacts(live, run, campaign)} />
}

/**
 * Every bench the dashboard follows (`dashboard.benches`), one card each, live: its telemetry through the dashboard,
 * its runs from the store's run-event feed — wherever they were started.
 */
export function FleetPage() {
  const benches = useBenches()
  if (benches.length === 0) return <p className="muted">Connecting to the dashboard…</p>
  return (
    <div className="page fleet-grid" data-testid="fleet">
      {benches.map((bench) => (
        <FleetCard key={bench.name} bench={bench} />
      ))}
    </div>
  )
}
