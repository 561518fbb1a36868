import type { DvtConfig } from '@dvt/config'
import { defaultRegistry, type TestRegistry } from '@dvt/framework'
import { definePlugin } from '../internal/define-plugin'
import { createRunService, type RunService } from '../internal/run-service'

declare module 'fastify' {
  interface FastifyInstance {
    /** Starts, follows and aborts test runs in this process. */
    runService: RunService
  }
}

export interface RunServicePluginOptions extends Record<string, unknown> {
  config: DvtConfig
  registry?: TestRegistry
}

/** Test runs through the framework runner; every run event goes to the browsers as `{type:'run', event}`. */
export const runServicePlugin = definePlugin<RunServicePluginOptions>(
  async (app, { config, registry }) => {
    const service = createRunService({
      config,
      storage: app.storage,
      registry: registry ?? defaultRegistry,
      onEvent: (event) => app.hub.broadcast({ type: 'run', event }),
      onError: (error) => app.log.error({ err: error }, 'a test run failed outside the runner'),
    })
    app.decorate('runService', service)
    app.addHook('preClose', async () => service.close())
  },
  { name: 'dvt-run-service', dependencies: ['dvt-storage', 'dvt-websocket'] },
)
