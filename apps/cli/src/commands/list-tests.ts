import type { Command } from 'commander'
import { lazy } from '../lazy'

export function registerListTests(program: Command): void {
  program
    .command('list-tests')
    .description('every test with its description and parameters')
    .option('--json', 'print the tests and their parameter schemas as JSON')
    .action(lazy(() => import('../actions/list-tests'), 'listTests'))
}
