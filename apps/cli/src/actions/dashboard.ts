import { DVT_VERSION as version } from '@dvt/config/version'
import { startDashboard } from '@dvt/dashboard'
import { EXIT } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'
import { onShutdown } from '../shutdown'

interface DashboardFlags {
  sim?: string
  host?: string
  port?: string
  portBase?: string
  config?: string
}

export async function dashboard(flags: DashboardFlags): Promise<number> {
  const overrides: Record<string, unknown> = {}
  if (flags.host !== undefined) overrides.host = flags.host
  if (flags.port !== undefined) overrides.port = Number.isNaN(Number(flags.port)) ? flags.port : Number(flags.port)
  const config = loadCliConfig({ config: flags.config, portBase: flags.portBase }, { dashboard: overrides })
  const simHost = flags.sim ?? config.instruments.simulator.host
  const running = await startDashboard({ config, simHost })
  // Handlers go in before the banner: whoever reads "Press Ctrl-C" may signal at once.
  const stopped = onShutdown(() => running.close())
  const benches = config.dashboard.benches
  const what = benches ? `the benches ${benches.map((b) => b.name).join(', ')}` : `the bench at ${simHost}`
  console.log(`DVT Bench ${version} — dashboard for ${what}\n\nDashboard: ${running.url}\nPress Ctrl-C to stop.`)
  await stopped
  return EXIT.ok
}
