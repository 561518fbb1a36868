import { BenchPicker } from '../../../lib/ui/bench-picker'
import { ErrorNote, PageHeader, Panel } from '../../../lib/ui/panel'
import { useBenchChoice } from '../../../lib/use-bench-choice'
import { useCampaigns } from '../hooks/use-campaigns'
import { CampaignsTable } from './campaigns-table'
import { NewCampaignForm } from './new-campaign-form'

/** Characterisation campaigns: start a plan — on any bench of a fleet — and every stored campaign. */
export function CampaignsPage() {
  const { campaigns, error, refresh } = useCampaigns()
  const { benches, bench, choose } = useBenchChoice('/campaigns')
  const fleet = benches.length > 1 && bench !== null
  return (
    <div className="page">
      <PageHeader
        title="Campaigns"
        subtitle="A lot through every step at every temperature (docs/campaigns.md)."
        actions={
          <button type="button" className="btn" onClick={refresh}>
            Refresh
          </button>
        }
      />
      <Panel
        title="New campaign"
        actions={
          fleet && (
            <span data-testid="campaigns-bench">
              <BenchPicker benches={benches.map((b) => b.name)} chosen={bench.name} onChoose={choose} />
            </span>
          )
        }
      >
        <NewCampaignForm {...(fleet ? { bench: bench.name } : {})} />
      </Panel>
      <Panel title="Campaigns">
        <ErrorNote message={error} />
        <CampaignsTable campaigns={campaigns} />
      </Panel>
    </div>
  )
}
