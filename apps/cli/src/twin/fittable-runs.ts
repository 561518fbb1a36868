import type { RunData } from '@dvt/analysis'
import { CliError } from '../cli-error'
import { FITTED_TESTS, twinData } from './twin-observations'

const short = (run: RunData['run']) => run.id.slice(0, 8)
const listed = `${FITTED_TESTS.slice(0, -1).join(', ')} and ${FITTED_TESTS.at(-1)}`

/**
 * Refuses, in one sentence, runs `dvt fit` cannot use: the same run twice, a test it does not read, a run that did
 * not complete, runs of different parts, a run with nothing to fit.
 */
export function checkFittable(runs: readonly RunData[]): void {
  const seen = new Set<string>()
  for (const { run } of runs) {
    if (seen.has(run.id)) throw new CliError('CLI_USAGE', `run ${short(run)} is given twice; name each run once`)
    seen.add(run.id)
    if (!(FITTED_TESTS as readonly string[]).includes(run.test)) {
      throw new CliError('CLI_USAGE', `run ${short(run)} is a ${run.test} run; dvt fit reads ${listed} runs`)
    }
    if (run.status !== 'passed' && run.status !== 'failed') {
      const why = run.statusReason ? ` (${run.statusReason})` : ''
      throw new CliError(
        'CLI_USAGE',
        `run ${short(run)} ended "${run.status}"${why}; dvt fit uses only runs that completed (passed or failed)`,
      )
    }
  }
  const serials = runs.filter((r) => r.run.dutSerial !== null)
  const other = serials.find((r) => r.run.dutSerial !== serials[0]!.run.dutSerial)
  if (other) {
    const first = serials[0]!.run
    throw new CliError(
      'CLI_USAGE',
      `runs ${short(first)} and ${short(other.run)} are of different parts (serials ${first.dutSerial} and ${other.run.dutSerial}); fit one part at a time`,
    )
  }
  for (const data of runs) {
    if (twinData([data]).observations.length === 0) {
      throw new CliError(
        'CLI_USAGE',
        `run ${short(data.run)} has no readings dvt fit can use (it reads the averaged readings the library records: docs/twin.md)`,
      )
    }
  }
}
