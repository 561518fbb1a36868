import type { Command } from 'commander'
import { lazy } from '../lazy'
import { collect } from './run-test'

export function registerValidatePlan(program: Command): void {
  program
    .command('validate-plan')
    .description('check a campaign plan without running it: every problem with its line, or what it would run')
    .argument('<file>', 'the plan, e.g. plans/ldo-datasheet.yaml (docs/campaigns.md)')
    .option('--set <key=value>', 'override a key of the plan (repeatable), e.g. --set lot.size=16', collect, [])
    .addHelpText('after', '\nExit codes: 0 valid, 1 invalid (each problem on its own line: file:line: key: problem).')
    .action(lazy(() => import('../actions/validate-plan'), 'validatePlanFile'))
}
