import type { Command } from 'commander'
import { lazy } from '../lazy'
import { portBaseOption, stationOption } from './bench-options'

/** `dvt serve`: the virtual bench (six SCPI ports + telemetry) and, unless told otherwise, the dashboard. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('start the virtual bench (instruments on TCP ports, telemetry) and the dashboard')
    .option('--host <address>', 'address every listener binds (default 127.0.0.1; others need a dashboard token)')
    .option('--speed <k|max>', 'simulated seconds per wall second, or max (lockstep: time moves when a client waits)')
    .option('--sockets <n>', 'DUTs on the board in the chamber, 1 … 16 (default 1; a DAQ970A-style mux reads them)')
    .addOption(portBaseOption())
    .addOption(stationOption())
    .option('--config <file>', 'configuration file (default config/default.yaml)')
    .option('--dut <file>', 'host this part: a DUT file, e.g. the twin `dvt fit` wrote (docs/twin.md)')
    .option('--no-dashboard', 'do not start the web dashboard')
    .action(lazy(() => import('../actions/serve'), 'serve'))
}
