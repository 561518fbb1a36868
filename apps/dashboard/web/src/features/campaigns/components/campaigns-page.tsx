import { ErrorNote, PageHeader, Panel } from '../../../lib/ui/panel'
import { useCampaigns } from '../hooks/use-campaigns'
import { CampaignsTable } from './campaigns-table'
import { NewCampaignForm } from './new-campaign-form'

/** Characterisation campaigns: start a plan, and every stored campaign. */
export function CampaignsPage() {
  const { campaigns, error, refresh } = useCampaigns()
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
      <Panel title="New campaign">
        <NewCampaignForm />
      </Panel>
      <Panel title="Campaigns">
        <ErrorNote message={error} />
        <CampaignsTable campaigns={campaigns} />
      </Panel>
    </div>
  )
}
