import type { Command } from 'commander'
import { lazy } from '../lazy'
import { portBaseOption } from './bench-options'

/** `dvt dashboard`: the web dashboard alone, attached to a simulation server elsewhere. */
export function registerDashboard(program: Command): void {
  program
    .command('dashboard')
    .description('start the dashboard alone, attached to a bench served elsewhere ("dvt serve" on another machine)')
    .option('--sim <host>', 'host of the simulation server (default instruments.simulator.host)')
    .option('--host <address>', 'address the dashboard binds (default dashboard.host; others need dashboard.token)')
    .option('--port <n>', 'dashboard port (default dashboard.port)')
    .addOption(portBaseOption())
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/dashboard'), 'dashboard'))
}
