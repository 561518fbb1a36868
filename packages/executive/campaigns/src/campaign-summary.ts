import type { CampaignStorage } from '@dvt/storage'
import type { CampaignSummary } from '@dvt/storage/records'
import { CampaignError } from './campaign-error'
import { campaignStatistics, methodAccuracy } from './campaign-statistics'

export type { CampaignSummary }

/**
 * Everything known of a campaign (`id`: full, as `resolveCampaignId` gives it): the record, its lot, points and
 * results, with the lot statistics and the method accuracy computed from the results. What `dvt show-campaign
 * --json`, the datasheet PDF and the dashboard read.
 */
export async function loadCampaignSummary(storage: CampaignStorage, id: string): Promise<CampaignSummary> {
  const campaign = await storage.getCampaign(id)
  if (!campaign)
    throw new CampaignError('CAMPAIGN_NOT_FOUND', `no campaign matches "${id}" — "dvt list-campaigns" shows the IDs`)
  const [duts, points, results] = await Promise.all([
    storage.getCampaignDuts(campaign.id),
    storage.getCampaignPoints(campaign.id),
    storage.getCampaignResults(campaign.id),
  ])
  return { campaign, duts, points, results, statistics: campaignStatistics(results), accuracy: methodAccuracy(results) }
}
