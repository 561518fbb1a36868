import type { RunStatus } from '@dvt/storage'
import type { Command } from 'commander'
import { lazy } from '../lazy'

/** Run statuses, as stored (a type-only check against storage keeps them in step without loading it here). */
export const STATUSES = [
  'pending',
  'running',
  'passed',
  'failed',
  'error',
  'aborted',
] as const satisfies readonly RunStatus[]

export function registerListRuns(program: Command): void {
  program
    .command('list-runs')
    .description('recent runs, newest first, with short IDs')
    .option('--limit <n>', 'how many runs', '20')
    .option('--status <status>', `only runs with this status (${STATUSES.join(', ')})`)
    .option('--test <name>', 'only runs of this test')
    .option('--json', 'print the runs as one JSON array')
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/list-runs'), 'listRuns'))
}
