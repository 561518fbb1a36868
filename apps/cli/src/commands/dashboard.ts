import { startDashboard } from '@dvt/dashboard'
import type { Command } from 'commander'
import { action, EXIT } from '../cli-error'
import { loadCliConfig } from '../load-cli-config'
import { onShutdown } from '../shutdown'
import { version } from '../version'

interface DashboardFlags {
  sim?: string
  host?: string
  port?: string
  config?: string
}

/** `dvt dashboard`: the web dashboard alone, attached to a simulation server elsewhere. */
export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description('start the dashboard alone, attached to a bench served elsewhere ("dvt serve" on another machine)')
    .option('--sim <host>', 'host of the simulation server (default instruments.simulator.host)')
    .option('--host <address>', 'address the dashboard binds (default dashboard.host; others need dashboard.token)')
    .option('--port <n>', 'dashboard port (default dashboard.port)')
    .option('--config <file>', 'configuration file')
    .action(action(dashboard))
}

async function dashboard(flags: DashboardFlags): Promise<number> {
  const overrides: Record<string, unknown> = {}
  if (flags.host !== undefined) overrides.host = flags.host
  if (flags.port !== undefined) overrides.port = Number.isNaN(Number(flags.port)) ? flags.port : Number(flags.port)
  const config = loadCliConfig(
    { ...(flags.config !== undefined ? { config: flags.config } : {}) },
    { dashboard: overrides },
  )
  const simHost = flags.sim ?? config.instruments.simulator.host
  const running = await startDashboard({ config, simHost, softwareVersion: version })
  // Handlers go in before the banner: whoever reads "Press Ctrl-C" may signal at once.
  const stopped = onShutdown(() => running.close())
  console.log(
    `DVT Bench ${version} — dashboard for the bench at ${simHost}\n\nDashboard: ${running.url}\nPress Ctrl-C to stop.`,
  )
  await stopped
  return EXIT.ok
}
