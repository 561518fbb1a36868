import type { DvtConfig } from '@dvt/config'
import { defaultRegistry, type TestRegistry } from '@dvt/framework'
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

/** Characterisation campaigns (docs/campaigns.md): their plans. */
export const campaignsPlugin = definePlugin<CampaignsPluginOptions>(
  async (app, { config, registry }) => {
    app.decorate('plans', createPlanFiles(config.data.plans_dir, registry ?? defaultRegistry))
  },
  { name: 'dvt-campaigns', dependencies: ['dvt-storage', 'dvt-websocket'] },
)
