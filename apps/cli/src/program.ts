import { DVT_VERSION as version } from '@dvt/config/version'
import { Command } from 'commander'
import { registerCompare } from './commands/compare'
import { registerDashboard } from './commands/dashboard'
import { registerExportReport } from './commands/export-report'
import { registerFit } from './commands/fit'
import { registerListCampaigns } from './commands/list-campaigns'
import { registerListRuns } from './commands/list-runs'
import { registerListTests } from './commands/list-tests'
import { registerQuery } from './commands/query'
import { registerReplay } from './commands/replay'
import { registerRunPlan } from './commands/run-plan'
import { registerRunTest } from './commands/run-test'
import { registerServe } from './commands/serve'
import { registerShowCampaign } from './commands/show-campaign'
import { registerShowRun } from './commands/show-run'
import { registerSql } from './commands/sql'
import { registerValidatePlan } from './commands/validate-plan'

/** Builds the `dvt` command tree. Each command lives in `./commands/`. */
export function createProgram(): Command {
  const program = new Command('dvt')
    .description('DVT Bench: virtual lab instruments on one physics model, a test executive, results and reports.')
    .version(version, '-V, --version', 'print the version')
    .showHelpAfterError('(run "dvt --help" for usage)')
  registerServe(program)
  registerDashboard(program)
  registerListTests(program)
  registerRunTest(program)
  registerListRuns(program)
  registerShowRun(program)
  registerExportReport(program)
  registerQuery(program)
  registerReplay(program)
  registerCompare(program)
  registerFit(program)
  registerSql(program)
  registerValidatePlan(program)
  registerRunPlan(program)
  registerListCampaigns(program)
  registerShowCampaign(program)
  return program
}
