import type { DvtConfig } from '@dvt/config'
import { parseResource } from '@dvt/transports'
import { type BenchClient, type BenchTarget, createBenchClient } from '../internal/bench-client'
import { definePlugin } from '../internal/define-plugin'
import type { InstrumentName } from '../schemas/control'

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

/** Where each instrument listens, for the configured backend. */
export function benchTargets(config: DvtConfig): Partial<Record<InstrumentName, BenchTarget>> {
  const { backend, simulator: s, visa } = config.instruments
  if (backend === 'simulator') {
    const at = (port: number) => ({ host: s.host, port })
    return {
      chamber: at(s.chamber_port),
      supply: at(s.supply_port),
      dmm: at(s.dmm_port),
      load: at(s.load_port),
      sim: at(s.control_port),
    }
  }
  const targets: Partial<Record<InstrumentName, BenchTarget>> = {}
  for (const name of ['chamber', 'supply', 'dmm', 'load'] as const) {
    const resource = visa[name]
    if (resource) targets[name] = parseResource(resource)
  }
  return targets
}

/** The SCPI console and the controls form go through this client. */
export const benchControlPlugin = definePlugin<BenchControlPluginOptions>(
  async (app, { config }) => {
    const client = createBenchClient({ targets: benchTargets(config), timeoutMs: config.instruments.timeout_ms })
    app.decorate('bench', client)
    app.addHook('onClose', async () => client.close())
  },
  { name: 'dvt-bench-control' },
)
