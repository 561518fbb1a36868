import type { DvtConfig } from '@dvt/config'
import { defaultRegistry, type TestRegistry } from '@dvt/framework'
import { type CampaignService, createCampaignService } from '../internal/campaign-service'
import { watchCampaigns } from '../internal/campaign-watch'
import { definePlugin } from '../internal/define-plugin'
import { createPlanFiles, type PlanFiles } from '../internal/plan-files'

declare module 'fastify' {
  interface FastifyInstance {
    /** The plan files of `data.plans_dir` and validation of pasted plans. */
    plans: PlanFiles
    /** Starts, follows, aborts and resumes campaigns in this process. */
    campaigns: CampaignService
  }
}

export interface CampaignsPluginOptions extends Record<string, unknown> {
  config: DvtConfig
  registry?: TestRegistry
}

/**
 * Characterisation campaigns (docs/campaigns.md): their plans, campaigns run on this dashboard's bench (one at a
 * time, and not while a test run holds it), and the news of every running campaign on the WebSocket as
 * `{type:'campaign'}` messages — the events of this dashboard's campaign, and every second the stored progress of
 * any (one started with `dvt run-plan` in a terminal too).
 */
export const campaignsPlugin = definePlugin<CampaignsPluginOptions>(
  async (app, { config, registry }) => {
    app.decorate('plans', createPlanFiles(config.data.plans_dir, registry ?? defaultRegistry))
    const service = createCampaignService({
      config,
      storage: app.storage,
      registry: registry ?? defaultRegistry,
      onNews: (message) => app.hub.broadcast(message),
      onError: (error) => app.log.error({ err: error }, 'a campaign failed outside the runner'),
      activeRun: (bench) => app.runService.active(bench),
    })
    app.decorate('campaigns', service)
    app.addHook('preClose', async () => service.close())
    const watch = watchCampaigns(app.storage, (message) => app.hub.broadcast(message), {
      onError: (error) => app.log.warn({ err: error }, 'reading the progress of running campaigns failed'),
    })
    app.addHook('onClose', async () => watch.close())
  },
  { name: 'dvt-campaigns', dependencies: ['dvt-storage', 'dvt-websocket', 'dvt-run-service'] },
)
