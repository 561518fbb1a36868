import type { Command } from 'commander'
import { lazy } from '../lazy'
import { portBaseOption } from './bench-options'

/** `dvt replay`: serves a run's recorded instrument session on TCP, without a simulator. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description("serve a run's recorded instrument session on TCP, from the recording alone (no simulator)")
    .argument('<run-id>', 'the recorded run: the full UUID or its first 8 characters')
    .option('--strict', 'stop at the first command that differs from the recording, with a diff (default)')
    .option('--lenient', 'answer a command that differs from the nearest matching recorded exchange')
    .addOption(portBaseOption())
    .option('--host <address>', 'address the ports bind (default instruments.simulator.host)')
    .option('--config <file>', 'configuration file')
    .addHelpText('after', '\nExit codes: 0 stopped with Ctrl-C, 1 the test diverged (strict) or bad input.')
    .action(lazy(() => import('../actions/replay'), 'replay'))
}
