import type { CampaignRecord } from '@dvt/storage'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { campaignListQuerySchema, campaignParamsSchema, startCampaignSchema } from '../../schemas/campaigns'
import { parseInput } from '../../schemas/parse'

/** A campaign as the API shows it: no process details. */
export function publicCampaign(campaign: CampaignRecord) {
  const { pid: _pid, hostname: _host, ...rest } = campaign
  return rest
}

/** Validates `:id` (UUID or 8-hex prefix) and resolves it to a full campaign ID (unknown → 404). */
function campaignIdOf(app: FastifyInstance, request: FastifyRequest): Promise<string> {
  const { id } = parseInput(campaignParamsSchema, request.params, 'the campaign ID')
  return app.storage.resolveCampaignId(id)
}

/** Stored campaigns (list, summary, PDF); starting, aborting and resuming them on this bench. */
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

  app.get('/api/campaigns/:id', async (request) => {
    const summary = await app.campaigns.summary(await campaignIdOf(app, request))
    return { ...summary, campaign: publicCampaign(summary.campaign) }
  })

  app.get('/api/campaigns/:id/report.pdf', async (request, reply) => {
    const { fileName, bytes } = await app.reports.renderCampaign(await campaignIdOf(app, request))
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(bytes)
  })

  app.post('/api/campaigns', async (request, reply) => {
    const body = parseInput(startCampaignSchema, request.body ?? {}, 'the campaign request')
    const checked = await app.plans.check(body)
    if (!checked.ok) {
      const count = checked.problems.length
      const error = count === 1 ? checked.problems[0]! : `the plan has ${count} problems`
      return reply.code(422).send({ error, problems: checked.problems })
    }
    const { plan, text, planPath } = checked
    const { id } = await app.campaigns.start({
      plan,
      planText: text,
      planPath,
      operator: body.operator ?? null,
      ...(body.bench ? { bench: body.bench } : {}),
    })
    return reply.code(202).send({ id })
  })

  app.post('/api/campaigns/:id/abort', async (request) => {
    const id = await campaignIdOf(app, request)
    return { aborted: app.campaigns.abort(id) }
  })

  app.post('/api/campaigns/:id/resume', async (request, reply) => {
    const id = await campaignIdOf(app, request)
    return reply.code(202).send(await app.campaigns.resume(id))
  })
}
