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

  it('compares a board-wide run socket by socket, each with its own noise', () => {
    // A load sweep of two sockets: socket n's readings under `vout_s<n>`, their means under `vout_avg_s<n>`.
    const loads = [0, 0.1, 0.2, 0.3, 0.4]
    const jitter = [-2e-5, 1e-5, 0, 1e-5, -1e-5]
    const board = (id: string, slopes: Record<number, number>): RunData => {
      const measurements: RunData['measurements'] = []
      const results: RunData['results'] = []
      for (const [socket, slope] of Object.entries(slopes).map(([k, v]) => [Number(k), v] as const)) {
        loads.forEach((load, i) => {
          const at = { simTime: i, loadCurrent: load, inputVoltage: 5, temperature: 25 }
          const readings = jitter.map((j) => 3.3 - slope * load + j)
          for (const value of readings)
            measurements.push(measurementRow({ ...at, parameter: `vout_s${socket}`, value }))
          const mean = readings.reduce((a, b) => a + b, 0) / readings.length
          measurements.push(measurementRow({ ...at, parameter: `vout_avg_s${socket}`, value: mean }))
        })
        results.push({ ...result('load_regulation_mohm', slope * 1000), unit: 'mΩ', socket })
      }
      return { run: runRecord({ id, test: 'load_regulation' }), results, measurements }
    }
    const comparison = compareRuns(board('a', { 1: 0.01, 2: 0.01 }), board('b', { 1: 0.01, 2: 0.02 }))
    expect(comparison.results.map((r) => [r.socket, r.parameter, r.a, r.b])).toEqual([
      [1, 'load_regulation_mohm', 10, 10],
      [2, 'load_regulation_mohm', 10, 20],
    ])
    const [one, two] = comparison.results
    expect(one!.interval).toBeGreaterThan(0)
    expect(one!.significant).toBe(false)
    expect(two!.significant).toBe(true)
    expect(comparison.significant).toEqual(['load_regulation_mohm'])
  })
})
