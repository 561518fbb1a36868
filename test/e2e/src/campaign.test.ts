import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type DvtResult, runDvt } from './support/dvt-process'
import { serveForSuite } from './support/serve-for-suite'

// The shipped datasheet plan through the whole stack: a real `dvt serve --sockets 8` (lockstep, noise on), the real
// CLI, the real SQLite store. docs/campaigns.md

const PLAN = resolve(import.meta.dirname, '../../../plans/ldo-datasheet.yaml')

interface CampaignJson {
  id: string
  status: string
  yield: number | null
  simulated_s: number
  duts: {
    serial: string
    socket: number
    verdict: 'pass' | 'fail' | null
    results: {
      test: string
      conditions: Record<string, number | string>
      parameter: string
      value: number
      verdict: string | null
    }[]
    truth?: Record<string, number>
  }[]
  statistics: { parameter: string; conditions: Record<string, number | string>; n: number; mean: number; std: number }[]
}

/** The one JSON line `--json` prints last. */
function lastJson(r: DvtResult): CampaignJson {
  const lines = r.stdout.trim().split('\n')
  expect(lines, r.stderr).toHaveLength(1)
  return JSON.parse(lines[0]!) as CampaignJson
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const std = (xs: number[]) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1))
const tempcoOf = (dut: CampaignJson['duts'][number]) => dut.results.find((r) => r.parameter === 'tempco_ppm_per_c')!

describe('dvt run-plan plans/ldo-datasheet.yaml on a board of eight', () => {
  const serve = serveForSuite({ args: ['--sockets', '8'], env: { DVT__PHYSICS__NOISE: 'true' } })
  const dvt = (args: string[], timeoutMs = 120_000) => runDvt(args, { env: serve().env, cwd: serve().dir, timeoutMs })
  const runPlan = (sockets: number) =>
    dvt(['run-plan', PLAN, '--set', 'lot.size=16', '--set', `sockets=${sockets}`, '--speed', 'max', '--json'])
  let eight: CampaignJson

  it('measures every DUT: each tempco within ±1 ppm/°C of its truth, the lot statistics those of the truths', async () => {
    const r = await runPlan(8)
    eight = lastJson(r)
    // Yield and exit code agree with the acceptance of the plan (min_yield 0.95).
    const passing = eight.duts.filter((d) => d.verdict === 'pass').length
    expect(eight.yield).toBe(passing / 16)
    expect(eight.status).toBe(eight.yield! >= 0.95 ? 'passed' : 'failed')
    expect(r.code, r.stderr).toBe(eight.status === 'passed' ? 0 : 1)
    expect(eight.duts.map((d) => d.serial)).toEqual(
      Array.from({ length: 16 }, (_, i) => `LOT24-07-${String(i + 1).padStart(3, '0')}`),
    )
    expect(eight.duts.map((d) => d.socket)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8])
    const measured: number[] = []
    const truths: number[] = []
    for (const dut of eight.duts) {
      const tempco = tempcoOf(dut)
      expect(tempco.conditions).toEqual({ temperature_c: '-40…125' })
      const truth = dut.truth!.tempco_ppm_per_c!
      expect(Math.abs(tempco.value - truth), dut.serial).toBeLessThanOrEqual(1)
      measured.push(tempco.value)
      truths.push(truth)
      // Every step at every temperature, each condition once.
      const keys = dut.results.map((x) => `${x.test} ${x.parameter} ${JSON.stringify(x.conditions)}`)
      expect(new Set(keys).size).toBe(keys.length)
      expect(dut.results.filter((x) => x.parameter === 'vout_v')).toHaveLength(4)
      expect(dut.results.filter((x) => x.parameter === 'dropout_v')).toHaveLength(8)
    }
    // The lot really spreads (σ 10 ppm/°C), and the method's error is far below that spread.
    expect(std(truths)).toBeGreaterThan(4)
    const errors = measured.map((m, i) => m - truths[i]!)
    const methodError = Math.max(...errors.map(Math.abs))
    const stat = eight.statistics.find((s) => s.parameter === 'tempco_ppm_per_c')!
    expect(stat.n).toBe(16)
    expect(stat.mean).toBeCloseTo(mean(measured), 9)
    expect(Math.abs(stat.mean - mean(truths))).toBeLessThanOrEqual(methodError)
    // |σ(measured) − σ(truth)| ≤ σ(measured − truth) (the triangle inequality of the sample σ).
    expect(Math.abs(stat.std - std(truths))).toBeLessThanOrEqual(std(errors) + 1e-12)
  }, 120_000)

  it('shows the same campaign in list-campaigns and show-campaign, statistics equal to --json', async () => {
    const list = await dvt(['list-campaigns', '--json'])
    const campaigns = JSON.parse(list.stdout) as { id: string; status: string; simulatedSeconds: number }[]
    expect(campaigns.find((c) => c.id === eight.id)).toMatchObject({ status: eight.status })
    const show = await dvt(['show-campaign', eight.id.slice(0, 8), '--json'])
    expect(show.code, show.stderr).toBe(0)
    const summary = JSON.parse(show.stdout) as {
      statistics: CampaignJson['statistics']
      accuracy: { parameter: string; n: number; maxAbsError: number }[]
    }
    expect(summary.statistics.map((s) => [s.parameter, s.conditions, s.n, s.mean, s.std])).toEqual(
      eight.statistics.map((s) => [s.parameter, s.conditions, s.n, s.mean, s.std]),
    )
    // Method accuracy of the tempco: 16 DUTs, all within the ±1 ppm/°C checked above.
    expect(summary.accuracy.find((a) => a.parameter === 'tempco_ppm_per_c')).toMatchObject({ n: 16 })
    const table = await dvt(['show-campaign', eight.id.slice(0, 8)])
    expect(table.stdout).toContain('Electrical characteristics')
    expect(table.stdout).toMatch(/tempco_ppm_per_c\s+T = -40…125 °C/)
  })

  it('gives the same verdicts with one socket, and eight sockets need at most a quarter of its bench time', async () => {
    const r = await runPlan(1)
    const one = lastJson(r)
    expect(r.code, r.stderr).toBe(one.status === 'passed' ? 0 : 1)
    expect(one.duts.map((d) => d.socket)).toEqual(Array.from({ length: 16 }, () => 1))
    expect(one.duts.map((d) => [d.serial, d.verdict])).toEqual(eight.duts.map((d) => [d.serial, d.verdict]))
    expect(eight.simulated_s).toBeGreaterThan(0)
    expect(eight.simulated_s).toBeLessThanOrEqual(one.simulated_s / 4)
  }, 180_000)

  it('runs nothing for an invalid plan: every problem on its own line, naming the --set it came from, exit 2', async () => {
    const before = (JSON.parse((await dvt(['list-campaigns', '--json'])).stdout) as unknown[]).length
    const r = await dvt(['run-plan', PLAN, '--set', 'sockets=0', '--set', 'temperatures_c=[]'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([
      '--set sockets: must be a number ≥ 1',
      '--set temperatures_c: must have at least 1 entry',
    ])
    const sweep = await dvt(['run-plan', PLAN, '--set', 'steps.1.sweep.supply_v=[4, 9]'])
    expect(sweep.code).toBe(2)
    expect(sweep.stderr).toMatch(/^--set steps\[1\]\.sweep\.supply_v: must be a number ≤ 6\n/)
    const file = await dvt(['run-plan', PLAN, '--set', 'steps.0.test=output_voltag'])
    expect(file.stderr).toMatch(/^--set steps\[0\]\.test: there is no test "output_voltag"/)
    const after = (JSON.parse((await dvt(['list-campaigns', '--json'])).stdout) as unknown[]).length
    expect(after).toBe(before)
  })
})
