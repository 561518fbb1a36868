import { defaultRegistry } from '@dvt/framework'
import { createTestRunner, recordRuns, startVirtualBench, type VirtualBenchHost } from '@dvt/framework/testing'
import { createTempStorage, measurementRow, type TempStorage } from '@dvt/storage/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { compareRuns } from './compare-runs'
import type { RunData } from './run-data'

const TEMPCO = { test: 'tempco', parameters: { points_c: [-40, 0, 25, 50, 85] } }

const opened: Array<{ host: VirtualBenchHost; temp: TempStorage }> = []
afterEach(async () => {
  for (const { host, temp } of opened.splice(0)) {
    await host.close()
    await temp.cleanup()
  }
})

/** A fresh virtual bench (seed 1 unless told) and a runner that stores into a temporary store. */
async function bench(env: Record<string, string> = {}) {
  const host = await startVirtualBench(env)
  const temp = createTempStorage()
  opened.push({ host, temp })
  const runner = createTestRunner({
    instruments: host.instruments,
    storage: temp.storage,
    registry: defaultRegistry,
    station: 'compare-test',
    config: host.config,
  })
  return { host, record: async () => (await recordRuns(runner, temp.storage, [TEMPCO]))[0]! }
}

describe('dvt compare on the virtual bench', () => {
  it('finds no significant difference between two runs of the same seed', async () => {
    const a = await (await bench()).record()
    const b = await (await bench()).record()
    const comparison = compareRuns(a, b)
    expect(comparison.results.map((r) => r.parameter)).toEqual([
      'tempco_ppm_per_c',
      'tempco_box_ppm_per_c',
      'vout_25c_v',
      'fit_residual_uv',
    ])
    for (const r of comparison.results) {
      expect(r).toMatchObject({ difference: 0, significant: false })
      expect(r.interval).toBeGreaterThan(0)
    }
    expect(comparison.significant).toEqual([])
    const [curve] = comparison.curves
    expect(curve).toMatchObject({ parameter: 'vout_avg', x: { key: 'temperature' } })
    expect(curve!.matched.map((p) => p.difference)).toEqual([0, 0, 0, 0, 0])
  })

  it('flags the tempco of a 10 and a 150 ppm/°C part', async () => {
    const { host, record } = await bench({ DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: '10' })
    const low = await record()
    await host.instruments.control!.setDutParameter('TEMPCO_PPM_PER_C', 150)
    const high = await record()
    const comparison = compareRuns(low, high)
    expect(comparison.significant).toContain('tempco_ppm_per_c')
    expect(comparison.significant).toContain('tempco_box_ppm_per_c')
    const tempco = comparison.results.find((r) => r.parameter === 'tempco_ppm_per_c')!
    expect(tempco.difference).toBeGreaterThan(139)
    expect(tempco.difference).toBeLessThan(141)
    expect(tempco.interval).toBeLessThan(1)
    // The RMS residual is the same kind of noise in both: it must not be flagged for the tempco.
    expect(comparison.significant).not.toContain('fit_residual_uv')
  })
})

describe('compareRuns', () => {
  const run = (id: string, test: string, results: RunData['results']): RunData => ({
    run: {
      id,
      test,
      status: 'passed',
      startedAt: '2026-12-01T00:00:00.000Z',
      completedAt: '2026-12-01T00:01:00.000Z',
      operator: null,
      dutSerial: null,
      station: null,
      description: null,
      parameters: {},
      config: null,
      seed: 1,
      softwareVersion: '0.0.0',
      statusReason: null,
      measurementCount: 0,
      parquetPath: null,
      pid: null,
      hostname: null,
    },
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
