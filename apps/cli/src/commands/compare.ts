import type { Command } from 'commander'
import { lazy } from '../lazy'

/** `dvt compare`: two runs side by side, each difference judged against the runs' own noise. */
export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description("two runs side by side: each result's difference and whether it is inside the runs' own noise")
    .argument('<run-a>', 'run ID: the full UUID or its first 8 characters')
    .argument('<run-b>', 'the run compared with it (differences are b − a)')
    .option('--json', 'print the comparison, with the overlaid curves, as one JSON object')
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/compare'), 'compare'))
}
