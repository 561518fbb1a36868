import type { Command } from 'commander'
import { lazy } from '../lazy'

export function registerSql(program: Command): void {
  program
    .command('sql')
    .description('one DuckDB query over every run\'s measurements (the view "measurements"), as a table, JSON or CSV')
    .argument('<query>', 'e.g. "SELECT station, count(*) FROM measurements GROUP BY station"')
    .option('--json', 'print the rows as one JSON array of objects')
    .option('--csv', 'print the rows as CSV with a header line')
    .option('--config <file>', 'configuration file')
    .addHelpText(
      'after',
      '\nThe view spans data.measurements_dir/station=<s>/test=<t>/date=<yyyy-mm-dd>/run_<id>.parquet: columns run_id,\n' +
        'station, test, serial, campaign_id, timestamp, sim_time, parameter, value, unit, temperature, input_voltage,\n' +
        'load_current and the partition column date.',
    )
    .action(lazy(() => import('../actions/sql'), 'sql'))
}
