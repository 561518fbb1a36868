import type { RunData } from '@dvt/analysis'
import { measurementRow, runRecord } from '@dvt/storage/testing'
import { describe, expect, it } from 'vitest'
import { CliError } from '../cli-error'
import { checkFittable } from './fittable-runs'

function run(overrides: Partial<RunData['run']> = {}, measurements: RunData['measurements'] = []): RunData {
  return { run: runRecord({ measurementCount: measurements.length, ...overrides }), results: [], measurements }
}

const point = (temperature: number) => measurementRow({ parameter: 'vout_avg', temperature, value: 3.3 })
const withPoints = (overrides: Partial<RunData['run']> = {}) => run(overrides, [point(-40), point(85)])

function refusal(runs: RunData[]): string {
  try {
    checkFittable(runs)
  } catch (error) {
    expect(error).toBeInstanceOf(CliError)
    return (error as Error).message
  }
  throw new Error('expected a refusal')
}

describe('the runs dvt fit takes', () => {
  it('takes completed runs of the library tests of one part, failed ones too', () => {
    expect(() =>
      checkFittable([withPoints(), withPoints({ id: '22222222-0000-4000-8000-000000000002', status: 'failed' })]),
    ).not.toThrow()
  })

  it.each<[string, RunData[], RegExp]>([
    ['the same run twice', [withPoints(), withPoints()], /^run 11111111 is given twice; name each run once$/],
    [
      'a test it does not read',
      [withPoints({ test: 'gain_sweep' })],
      /^run 11111111 is a gain_sweep run; dvt fit reads tempco, load_regulation, line_regulation, dropout and iq_vs_temp runs$/,
    ],
    [
      'a run that did not complete',
      [withPoints({ status: 'aborted', statusReason: 'operator pressed Abort' })],
      /^run 11111111 ended "aborted" \(operator pressed Abort\); dvt fit uses only runs that completed \(passed or failed\)$/,
    ],
    [
      'runs of two parts',
      [withPoints({ dutSerial: 'A' }), withPoints({ id: '22222222-0000-4000-8000-000000000002', dutSerial: 'B' })],
      /^runs 11111111 and 22222222 are of different parts \(serials A and B\); fit one part at a time$/,
    ],
    ['a run without readings', [run()], /^run 11111111 has no readings dvt fit can use/],
  ])('refuses %s in one sentence', (_, runs, pattern) => {
    expect(refusal(runs)).toMatch(pattern)
  })
})
