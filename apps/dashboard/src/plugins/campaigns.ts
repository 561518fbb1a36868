import type { DvtConfig } from '@dvt/config'
import { defaultRegistry, type TestRegistry } from '@dvt/framework'
import { watchCampaigns } from '../internal/campaign-watch'
import { definePlugin } from '../internal/define-plugin'
import { createPlanFiles, type PlanFiles } from '../internal/plan-files'

declare module 'fastify' {
  interface FastifyInstance {
    /** The plan files of `data.plans_dir` and validation of pasted plans. */
    plans: PlanFiles
  }
}

export interface CampaignsPluginOptions extends Record<string, unknown> {
  config: DvtConfig
  registry?: TestRegistry
}

/**
 * Characterisation campaigns (docs/campaigns.md): their plans, and the news of every running campaign on the
 * WebSocket as `{type:'campaign'}` messages (its stored progress, read every second).
 */
export const campaignsPlugin = definePlugin<CampaignsPluginOptions>(
  async (app, { config, registry }) => {
    app.decorate('plans', createPlanFiles(config.data.plans_dir, registry ?? defaultRegistry))
    const watch = watchCampaigns(app.storage, (message) => app.hub.broadcast(message), {
      onError: (error) => app.log.warn({ err: error }, 'reading the progress of running campaigns failed'),
    })
    app.addHook('onClose', async () => watch.close())
  },
  { name: 'dvt-campaigns', dependencies: ['dvt-storage', 'dvt-websocket'] },
)
