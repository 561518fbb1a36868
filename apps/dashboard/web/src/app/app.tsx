import { CampaignDetailPage } from '../features/campaigns/components/campaign-detail-page'
import { CampaignsPage } from '../features/campaigns/components/campaigns-page'
import { ComparePage } from '../features/compare/components/compare-page'
import { FleetPage } from '../features/fleet/components/fleet-page'
import { LivePage } from '../features/live/components/live-page'
import { ResultsPage } from '../features/results/components/results-page'
import { RunDetailPage } from '../features/results/components/run-detail-page'
import { TestsPage } from '../features/tests/components/tests-page'
import { usePathname } from '../lib/router'
import { AppShell } from './app-shell'

function Route(props: { path: string }) {
  const { path } = props
  const detail = /^\/results\/([0-9a-fA-F-]{8,36})$/.exec(path)
  if (detail?.[1]) return <RunDetailPage id={detail[1]} />
  const compare = /^\/compare\/([0-9a-fA-F-]{8,36})\/([0-9a-fA-F-]{8,36})$/.exec(path)
  if (compare?.[1] && compare[2]) return <ComparePage a={compare[1]} b={compare[2]} />
  const campaign = /^\/campaigns\/([0-9a-fA-F-]{8,36})$/.exec(path)
  if (campaign?.[1]) return <CampaignDetailPage id={campaign[1]} />
  if (path.startsWith('/campaigns')) return <CampaignsPage />
  if (path.startsWith('/results')) return <ResultsPage />
  if (path.startsWith('/tests')) return <TestsPage />
  if (path.startsWith('/fleet')) return <FleetPage />
  return <LivePage />
}

/** The composition root: the shell around the page for the current path. */
export function App() {
  const path = usePathname()
  return (
    <AppShell path={path}>
      <Route path={path} />
    </AppShell>
  )
}
