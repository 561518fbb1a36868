import type { Command } from 'commander'
import { lazy } from '../lazy'

export function registerShowRun(program: Command): void {
  program
    .command('show-run')
    .description('one run: metadata, results with limits, events and measurement count')
    .argument('<id>', 'run ID: the full UUID or its first 8 characters')
    .option('--json', 'print the run, results and events as one JSON object (with --session: the NDJSON file)')
    .option('--session', "print the run's recorded instrument session: every exchange (docs/sessions.md)")
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/show-run'), 'showRun'))
}
