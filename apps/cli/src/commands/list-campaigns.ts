import { RUN_STATUSES } from '@dvt/storage/records'
import type { Command } from 'commander'
import { lazy } from '../lazy'

export function registerListCampaigns(program: Command): void {
  program
    .command('list-campaigns')
    .description('recent campaigns, newest first, with short IDs, progress and yield')
    .option('--limit <n>', 'how many campaigns', '20')
    .option('--status <status>', `only campaigns with this status (${RUN_STATUSES.join(', ')})`)
    .option('--json', 'print the campaigns as one JSON array')
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/list-campaigns'), 'listCampaigns'))
}
