import type { Command } from 'commander'
import { lazy } from '../lazy'

export function registerShowCampaign(program: Command): void {
  program
    .command('show-campaign')
    .description('one campaign: its electrical characteristics table (min / typ / max, limits, Cpk) and DUT verdicts')
    .argument('<id>', 'campaign ID: the full UUID or its first 8 characters')
    .option('--json', 'print the whole campaign summary (record, DUTs, points, results, statistics, accuracy)')
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/show-campaign'), 'showCampaign'))
}
