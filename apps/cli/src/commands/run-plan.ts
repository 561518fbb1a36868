import type { Command } from 'commander'
import { lazy } from '../lazy'
import { portBaseOption, stationOption } from './bench-options'
import { collect } from './run-test'

export function registerRunPlan(program: Command): void {
  program
    .command('run-plan')
    .description('run a characterisation campaign: the lot through every step at every temperature (docs/campaigns.md)')
    .argument('<file>', 'the plan, e.g. plans/ldo-datasheet.yaml')
    .option('--set <key=value>', 'override a key of the plan (repeatable), e.g. --set lot.size=16', collect, [])
    .option('--config <file>', 'configuration file')
    .option('--operator <name>', 'who runs the campaign', process.env.USER ?? undefined)
    .option('--speed <k|max>', 'set the simulator speed for the campaign (simulator backend only)')
    .addOption(portBaseOption())
    .addOption(stationOption())
    .option('--json', 'print, last, exactly one JSON line with the campaign, its DUTs and its statistics')
    .option('--resume <campaign-id>', 'continue that campaign (same plan) from its first point not done')
    .addHelpText(
      'after',
      '\nExit codes: 0 the lot meets the acceptance, 1 it does not, 2 error, 130 aborted (resumable).',
    )
    .action(lazy(() => import('../actions/run-plan'), 'runPlan'))
}
