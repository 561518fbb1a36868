import type { Command } from 'commander'
import { lazy } from '../lazy'
import { portBaseOption } from './bench-options'

export function registerQuery(program: Command): void {
  program
    .command('query')
    .description('send one raw SCPI command or query, print the reply, then any queued errors in words')
    .argument('<instrument>', 'one of chamber, supply, dmm, load, sim')
    .argument('<scpi>', 'the command line, e.g. "MEAS:VOLT:DC?" or "SETP 85"')
    .addOption(portBaseOption())
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/query'), 'query'))
}
