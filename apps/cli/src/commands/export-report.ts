import type { Command } from 'commander'
import { lazy } from '../lazy'

export function registerExportReport(program: Command): void {
  program
    .command('export-report')
    .description('render a run, or a campaign as a datasheet-style report, to an A4 PDF (headless Chromium)')
    .argument('<id>', 'run or campaign ID: the full UUID or its first 8 characters (a run first, then a campaign)')
    .option(
      '-o, --output <file>',
      'where to write the PDF (default: data.reports_dir/<test>_<id8>_<time>.pdf, campaign_<lot>_<id8>_<time>.pdf)',
    )
    .option('--company <name>', 'company name in the header (default: reporting.company_name)')
    .option('--compare <id>', 'add a section comparing the run with this one (as dvt compare <id> <other> does)')
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/export-report'), 'exportReport'))
}
