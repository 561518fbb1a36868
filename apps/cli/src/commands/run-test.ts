import type { Command } from 'commander'
import { lazy } from '../lazy'
import { portBaseOption, stationOption } from './bench-options'

export function registerRunTest(program: Command): void {
  program
    .command('run-test')
    .description('run one test against the bench: live progress, results, verdict and run ID')
    .argument('<name>', 'the test ("dvt list-tests" shows them)')
    .option('--set <key=value>', 'a test parameter (repeatable), e.g. --set averages=20', collect, [])
    .option('--config <file>', 'configuration file')
    .option('--operator <name>', 'who runs the test', process.env.USER ?? undefined)
    .option('--serial <sn>', 'DUT serial number')
    .option('--description <text>', 'a note stored with the run')
    .option('--speed <k|max>', 'set the simulator speed for this run (simulator backend only)')
    .addOption(portBaseOption())
    .addOption(stationOption())
    .option('--json', 'print exactly one JSON object with the outcome on stdout')
    .option('--replay <run-id>', "run against a replay of that run's recorded session instead of the bench")
    .option('--strict', 'with --replay: stop at the first command that differs from the recording (default)')
    .option('--lenient', 'with --replay: answer a differing command from the nearest recorded exchange')
    .addHelpText('after', '\nExit codes: 0 passed, 1 failed, 2 error, 130 aborted.')
    .action(lazy(() => import('../actions/run-test'), 'runTest'))
}

/** Commander collector for a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}
