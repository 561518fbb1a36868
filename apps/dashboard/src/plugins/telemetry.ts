import { closeWithApp, definePlugin } from '../internal/define-plugin'
import { createTelemetryClient, type TelemetryClient, type TelemetryClientOptions } from '../internal/telemetry-client'

declare module 'fastify' {
  interface FastifyInstance {
    /** The live telemetry stream of the simulation server (latest snapshot, status). */
    telemetry: TelemetryClient
  }
}

/** Connects to the simulator's telemetry port and keeps reconnecting (default backoff) until the app closes. */
export const telemetryPlugin = definePlugin<Pick<TelemetryClientOptions, 'host' | 'port'>>(
  async (app, { host, port }) => {
    app.decorate('telemetry', closeWithApp(app, createTelemetryClient({ host, port })))
  },
  { name: 'dvt-telemetry' },
)
