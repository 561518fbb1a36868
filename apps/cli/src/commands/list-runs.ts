import { RUN_STATUSES } from '@dvt/storage/records'
import type { Command } from 'commander'
import { lazy } from '../lazy'

export function registerListRuns(program: Command): void {
  program
    .command('list-runs')
    .description('recent runs, newest first, with short IDs')
    .option('--limit <n>', 'how many runs', '20')
    .option('--status <status>', `only runs with this status (${RUN_STATUSES.join(', ')})`)
    .option('--test <name>', 'only runs of this test')
    .option('--station <name>', 'only runs of this station (station.name)')
    .option('--json', 'print the runs as one JSON array')
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/list-runs'), 'listRuns'))
}
