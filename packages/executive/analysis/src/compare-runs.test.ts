import { measurementRow, runRecord } from '@dvt/storage/testing'
import { describe, expect, it } from 'vitest'
import { compareRuns } from './compare-runs'
import type { RunData } from './run-data'

describe('compareRuns', () => {
  const run = (id: string, test: string, results: RunData['results']): RunData => ({
    run: runRecord({ id, test }),
    results,
    measurements: [measurementRow({ parameter: 'x', value: 1 }), measurementRow({ parameter: 'x', value: 2 })],
  })
  const result = (parameter: string, value: number) => ({
    parameter,
    value,
    unit: 'V',
    lowerLimit: null,
    upperLimit: null,
    passed: null,
    socket: null,
  })

  it('lists a result of one run only, and says nothing of significance where the noise is unknown', () => {
    const comparison = compareRuns(
      run('a', 'custom', [result('gain', 1), result('offset', 2)]),
      run('b', 'custom', [result('gain', 1.5)]),
    )
    expect(comparison.results).toEqual([
      expect.objectContaining({ parameter: 'gain', a: 1, b: 1.5, difference: 0.5, interval: null, significant: null }),
      expect.objectContaining({ parameter: 'offset', a: 2, b: null, difference: null, significant: null }),
    ])
    expect(comparison.significant).toEqual([])
    expect(comparison.curves.map((c) => [c.parameter, c.x.key, c.series.map((s) => s.run)])).toEqual([
      ['x', 'time', ['a', 'b']],
    ])
  })
})
