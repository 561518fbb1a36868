import { createSimulatedClock } from '../clock'
import { createRunner, type Runner, type RunnerOptions } from '../runner'

/** {@link RunnerOptions} for tests: the clock and the software version have defaults. */
export type TestRunnerOptions = Omit<RunnerOptions, 'clock' | 'softwareVersion'> &
  Partial<Pick<RunnerOptions, 'clock' | 'softwareVersion'>>

/** A runner for tests: on the simulated clock of `instruments.control`, software version `0.0.0-test`. */
export function createTestRunner(options: TestRunnerOptions): Runner {
  return createRunner({
    clock: createSimulatedClock(options.instruments.control!),
    softwareVersion: '0.0.0-test',
    ...options,
  })
}
