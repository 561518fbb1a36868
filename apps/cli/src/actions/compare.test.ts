import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compareRuns, type RunData } from '@dvt/analysis'
import { defaultRegistry } from '@dvt/framework'
import { createTestRunner, recordRuns, startVirtualBench, type VirtualBenchHost } from '@dvt/framework/testing'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compare } from './compare'

const TEMPCO = { test: 'tempco', parameters: { points_c: [-40, 0, 25, 50, 85], limit_ppm_per_c: 200 } }

const opened: Array<{ host: VirtualBenchHost; temp: TempStorage }> = []
afterEach(async () => {
  vi.restoreAllMocks()
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
  return { host, temp, record: async (): Promise<RunData> => (await recordRuns(runner, temp.storage, [TEMPCO]))[0]! }
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

  it('flags the tempco of a 10 and a 150 ppm/°C part, in the table it prints', async () => {
    const { host, temp, record } = await bench({ DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: '10' })
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

    const config = join(temp.dir, 'config.yaml')
    writeFileSync(config, `data:\n  database_path: ${temp.databasePath}\n  measurements_dir: ${temp.measurementsDir}\n`)
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line)
    })
    expect(await compare(low.run.id.slice(0, 8), high.run.id, { config })).toBe(0)
    const out = lines.join('\n')
    expect(out).toMatch(/^tempco_ppm_per_c\s+10\.\d+\s+1[45]\d\.\d+\s+1[34]\d\.\d+\s+\S+\s+ppm\/°C\s+DIFFERENT$/m)
    expect(out).toMatch(/^fit_residual_uv\s+.*within noise$/m)
    expect(out).toMatch(/^vout_avg vs chamber temperature\s+5\s+/m)
    expect(out).toMatch(/results differ beyond the runs' noise \(95 %\): tempco_ppm_per_c, tempco_box_ppm_per_c/)
    lines.length = 0
    await compare(low.run.id, high.run.id, { config, json: true })
    expect(JSON.parse(lines.join(''))).toMatchObject({ a: { id: low.run.id }, b: { id: high.run.id }, level: 0.95 })
  })
})
