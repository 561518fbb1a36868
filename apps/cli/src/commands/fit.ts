import type { Command } from 'commander'
import { lazy } from '../lazy'

/** `dvt fit`: a part's model parameters from its runs, written as a DUT file `dvt serve --dut` hosts. */
export function registerFit(program: Command): void {
  program
    .command('fit')
    .description("estimate one part's model parameters with 95 % intervals from its runs; write them as a DUT file")
    .argument(
      '<run-id...>',
      'runs of one part: tempco, load_regulation (--set transient_s=60 records the load step), line_regulation, dropout, iq_vs_temp',
    )
    .option('-o, --output <file>', 'the DUT file to write (host it with dvt serve --dut <file>)', 'dut.yaml')
    .option('--json', 'print the estimates as one JSON object')
    .option('--config <file>', 'configuration file')
    .action(lazy(() => import('../actions/fit'), 'fit'))
}
