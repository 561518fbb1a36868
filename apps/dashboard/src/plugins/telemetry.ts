import { definePlugin } from '../internal/define-plugin'
import { createTelemetryClient, type TelemetryClient } from '../internal/telemetry-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** The live telemetry stream of the simulation server (latest snapshot, status). */
    telemetry: TelemetryClient
  }
}

export interface TelemetryPluginOptions extends Record<string, unknown> {
  host: string
  port: number
}

/** Connects to the simulator's telemetry port and keeps reconnecting until the app closes. */
export const telemetryPlugin = definePlugin<TelemetryPluginOptions>(
  async (app, { host, port }) => {
    const client = createTelemetryClient({ host, port })
    app.decorate('telemetry', client)
    app.addHook('onClose', async () => client.close())
  },
  { name: 'dvt-telemetry' },
)
