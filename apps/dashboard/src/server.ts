import type { AddressInfo } from 'node:net'
import { buildApp, type DashboardAppOptions } from './app'
import { DashboardError } from './errors'

/** Options of {@link startDashboard}. */
export interface StartDashboardOptions extends Omit<DashboardAppOptions, 'host'> {
  /** Address to bind; defaults to `dashboard.host` (127.0.0.1). */
  host?: string
  /** Port; defaults to `dashboard.port` (8080). 0 picks a free port. */
  port?: number
}

/** A listening dashboard. */
export interface RunningDashboard {
  /** `http://host:port` to open in a browser. */
  url: string
  port: number
  /** Aborts a run in progress (the bench is left safe), closes sockets and the store. */
  close(): Promise<void>
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/** Builds the app and listens; a port in use is one sentence naming the port and the config key. */
export async function startDashboard(options: StartDashboardOptions): Promise<RunningDashboard> {
  const host = options.host ?? options.config.dashboard.host
  const port = options.port ?? options.config.dashboard.port
  const app = await buildApp({ ...options, host })
  try {
    await app.listen({ host, port })
  } catch (error) {
    await app.close()
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DashboardError(
        'DASHBOARD_PORT_IN_USE',
        `port ${port} is already in use — stop the other program or set dashboard.port`,
        { cause: error },
      )
    }
    throw error
  }
  const bound = (app.server.address() as AddressInfo).port
  let closing: Promise<void> | null = null
  return {
    url: `http://${urlHost(host)}:${bound}`,
    port: bound,
    close: () => {
      closing ??= app.close()
      return closing
    },
  }
}
