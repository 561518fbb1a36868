import type { DvtConfig } from '@dvt/config'
import type { TestRegistry } from '@dvt/framework'
import Fastify, { type FastifyInstance } from 'fastify'
import { toErrorReply } from './internal/error-reply'
import { defaultWebRoot } from './internal/web-root'
import { authPlugin } from './plugins/auth'
import { benchesPlugin } from './plugins/benches'
import { campaignsPlugin } from './plugins/campaigns'
import { reportRendererPlugin } from './plugins/report-renderer'
import { runServicePlugin } from './plugins/run-service'
import { staticPlugin } from './plugins/static'
import { stationRunsPlugin } from './plugins/station-runs'
import { storagePlugin } from './plugins/storage'
import { websocketPlugin } from './plugins/websocket'
import { benchRoutes } from './routes/api/benches'
import { campaignRoutes } from './routes/api/campaigns'
import { compareRoutes } from './routes/api/compare'
import { controlRoutes } from './routes/api/control'
import { planRoutes } from './routes/api/plans'
import { runRoutes } from './routes/api/runs'
import { testRoutes } from './routes/api/tests'
import { wsRoutes } from './routes/api/ws'

/** Options of {@link buildApp}. */
export interface DashboardAppOptions {
  /** The validated configuration (`loadConfig()`). */
  config: DvtConfig
  /**
   * Host of the simulation server (telemetry, control and instrument ports) of the local bench; defaults to the
   * config's. The benches of `dashboard.benches` name their own hosts.
   */
  simHost?: string
  /** Host the HTTP server binds; a non-loopback one requires `dashboard.token`. Defaults to `dashboard.host`. */
  host?: string
  /** Directory of the built web app; defaults to `apps/dashboard/dist/web`. */
  webRoot?: string
  /** The tests offered; defaults to the framework's library. */
  registry?: TestRegistry
  /** Fastify's logger (pino) on stdout; off by default. */
  logger?: boolean
}

/** The configuration with the simulator host replaced by `simHost` (the same path for a remote bench). */
function effectiveConfig(config: DvtConfig, simHost: string | undefined): DvtConfig {
  if (!simHost) return config
  const instruments = { ...config.instruments, simulator: { ...config.instruments.simulator, host: simHost } }
  return { ...config, instruments }
}

/**
 * Builds the dashboard: plugins (auth, the benches of the fleet, storage, WebSocket, the stations' runs, run service,
 * reports, static) and the API routes. Not listening yet: tests use `app.inject()`, `startDashboard` listens.
 */
export async function buildApp(options: DashboardAppOptions): Promise<FastifyInstance> {
  const config = effectiveConfig(options.config, options.simHost)
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024, forceCloseConnections: true })

  app.setErrorHandler((error, request, reply) => {
    const { status, body, internal } = toErrorReply(error)
    if (internal) request.log.error({ err: error }, 'request failed')
    return reply.code(status).type('application/json').send(body)
  })

  await app.register(authPlugin, { host: options.host ?? config.dashboard.host, token: config.dashboard.token })
  await app.register(benchesPlugin, { config })
  await app.register(storagePlugin, { data: config.data })
  await app.register(websocketPlugin, {})
  await app.register(stationRunsPlugin, {})
  await app.register(runServicePlugin, {
    config,
    ...(options.registry ? { registry: options.registry } : {}),
  })
  await app.register(campaignsPlugin, { config, ...(options.registry ? { registry: options.registry } : {}) })
  await app.register(reportRendererPlugin, { reporting: config.reporting, reportsDir: config.data.reports_dir })

  await app.register(wsRoutes)
  await app.register(controlRoutes)
  await app.register(benchRoutes)
  await app.register(testRoutes)
  await app.register(runRoutes)
  await app.register(compareRoutes)
  await app.register(planRoutes)
  await app.register(campaignRoutes)
  await app.register(staticPlugin, { root: options.webRoot ?? defaultWebRoot() })
  return app
}
