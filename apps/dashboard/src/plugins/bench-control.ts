import type { DvtConfig } from '@dvt/config'
import { benchAddresses } from '@dvt/framework'
import { type BenchClient, createBenchClient } from '../internal/bench-client'
import { closeWithApp, definePlugin } from '../internal/define-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** SCPI access to the bench through its instrument and control ports. */
    bench: BenchClient
  }
}

export interface BenchControlPluginOptions extends Record<string, unknown> {
  /** The effective configuration (simulator host already resolved). */
  config: DvtConfig
}

/** The SCPI console and the controls form go through this client. */
export const benchControlPlugin = definePlugin<BenchControlPluginOptions>(
  async (app, { config }) => {
    app.decorate('bench', closeWithApp(app, createBenchClient({ targets: benchAddresses(config).targets })))
  },
  { name: 'dvt-bench-control' },
)
