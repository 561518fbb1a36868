import type { CampaignRecord } from '@dvt/storage'
import type { FastifyInstance } from 'fastify'
import { campaignListQuerySchema } from '../../schemas/campaigns'
import { parseInput } from '../../schemas/parse'

/** A campaign as the API shows it: no process details. */
export function publicCampaign(campaign: CampaignRecord) {
  const { pid: _pid, hostname: _host, ...rest } = campaign
  return rest
}

/** Stored campaigns; starting, aborting and resuming them on this bench. */
export async function campaignRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/campaigns', async (request) => {
    const query = parseInput(campaignListQuerySchema, request.query, 'the campaigns query')
    const page = await app.storage.listCampaigns(query)
    return {
      campaigns: page.campaigns.map(publicCampaign),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    }
  })
}
