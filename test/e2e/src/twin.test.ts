import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage } from '@dvt/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DvtResult, runDvt, type ServeHandle, startServe } from './support/dvt-process'

// dvt fit → dvt serve --dut → dvt compare through the real CLI and real `dvt serve` processes (docs/twin.md).

/** A part unlike the default one (docs/physics.md#parameters), set on the first bench from the environment. */
const PART = {
  DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: '120',
  DVT__DUT__PARAMETERS__LOAD_REGULATION_OHM: '0.06',
  DVT__DUT__PARAMETERS__DROPOUT_TEMPERATURE_EXPONENT: '1.7',
  DVT__DUT__PARAMETERS__QUIESCENT_CURRENT_UA: '40',
  DVT__PHYSICS__THERMAL__THETA_JC: '18',
  DVT__PHYSICS__THERMAL__THETA_CA: '6',
  DVT__PHYSICS__THERMAL__CASE_TIME_CONSTANT_S: '4',
}
const TRUTH: Record<string, number> = {
  tempco_ppm_per_c: 120,
  load_regulation_ohm: 0.06,
  dropout_temperature_exponent: 1.7,
  quiescent_current_ua: 40,
  theta_jc_plus_ca: 24,
  theta_ca: 6,
  case_time_constant_s: 4,
}

/** The five library tests, trimmed (docs/twin.md#making-the-runs); load_regulation records the load step. */
const RUNS = [
  ['tempco', 'points_c=[-40,0,25,50,85]', 'limit_ppm_per_c=200'],
  ['load_regulation', 'transient_s=50', 'transient_interval_s=0.5'],
  ['line_regulation'],
  ['dropout', 'vin_start_v=3.8'],
  ['iq_vs_temp', 'iq_samples=200'],
] as const

const NO_STACK = /\n\s+at /

function expectOneSentence(r: DvtResult, pattern: RegExp): void {
  expect(r.code).toBe(1)
  expect(r.stdout).toBe('')
  expect(r.stderr.trim().split('\n')).toHaveLength(1)
  expect(r.stderr).toMatch(/^dvt: /)
  expect(r.stderr.trim()).toMatch(pattern)
  expect(r.stderr).not.toMatch(NO_STACK)
}

interface FitJson {
  output: string
  parameters: Array<{ key: string; value: number; fitted: boolean; low: number | null; high: number | null }>
}

describe('a digital twin of a part: dvt fit, dvt serve --dut, dvt compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dvt-twin-'))
  const twinFile = join(dir, 'twin.yaml')
  let serve: ServeHandle
  const ids: Record<string, string> = {}
  const dvt = (args: readonly string[]) => runDvt(args, { env: serve.env, cwd: dir, timeoutMs: 120_000 })

  beforeAll(async () => {
    serve = await startServe({ dir, env: PART })
    for (const [test, ...set] of RUNS) {
      const r = await dvt(['run-test', test, ...set.flatMap((s) => ['--set', s]), '--serial', 'SN-42', '--json'])
      expect(r.code, r.stderr).toBe(0)
      ids[test] = (JSON.parse(r.stdout) as { id: string }).id
    }
  }, 180_000)

  afterAll(async () => {
    await serve?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('fits the part from its five runs, each truth inside its 95 % interval, and writes the DUT file', async () => {
    const r = await dvt(['fit', ...Object.values(ids), '-o', twinFile, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const fit = JSON.parse(r.stdout) as FitJson
    expect(fit.output).toBe(twinFile)
    for (const [key, truth] of Object.entries(TRUTH)) {
      const p = fit.parameters.find((q) => q.key === key)!
      expect(p.fitted, key).toBe(true)
      expect(truth, key).toBeGreaterThanOrEqual(p.low!)
      expect(truth, key).toBeLessThanOrEqual(p.high!)
    }
    const text = readFileSync(twinFile, 'utf8')
    expect(text).toMatch(/^format: dvt-dut\/1$/m)
    expect(text).toMatch(/^description: twin of part SN-42, fitted by dvt fit from 5 runs$/m)
    expect(text).toMatch(/^ {4}theta_ca: [56]\.\d+$/m)
  })

  it('prints the estimates as a table with the DUT file to serve', async () => {
    const r = await dvt(['fit', ...Object.values(ids), '-o', twinFile])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^tempco\s+1[12]\d\.\d+\s+1[12]\d\.\d+ … 1[12]\d\.\d+\s+ppm\/°C\s+tempco$/m)
    expect(r.stdout).toMatch(/^θ_jc \+ θ_ca\s+2\d\.\d+/m)
    expect(r.stdout).toContain(`host the twin with: dvt serve --dut ${twinFile}`)
  })

  it('hosts the twin with dvt serve --dut; compared with the real run, the twin differs only by the residual', async () => {
    const real = serve
    await real.stop()
    serve = await startServe({ dir, args: ['--dut', twinFile] })
    expect(serve.stdout()).toContain(`DUT: ${twinFile}`)
    const [test, ...set] = RUNS[0]
    const run = await dvt(['run-test', test, ...set.flatMap((s) => ['--set', s]), '--json'])
    expect(run.code, run.stderr).toBe(0)
    const twinRun = (JSON.parse(run.stdout) as { id: string }).id
    // Both benches start from seed 1 and run tempco first: the same noise, so b − a is the twin's error alone.
    const compared = await dvt(['compare', ids.tempco!, twinRun, '--json'])
    expect(compared.code, compared.stderr).toBe(0)
    const comparison = JSON.parse(compared.stdout) as {
      significant: string[]
      results: Array<{ parameter: string; difference: number; interval: number }>
    }
    expect(comparison.significant).toEqual([])
    const tempco = comparison.results.find((r) => r.parameter === 'tempco_ppm_per_c')!
    expect(Math.abs(tempco.difference)).toBeLessThan(tempco.interval)
    const table = await dvt(['compare', ids.tempco!, twinRun])
    expect(table.stdout).toMatch(/^tempco_ppm_per_c\s+\S+\s+\S+\s+\S+\s+\S+\s+ppm\/°C\s+within noise$/m)
    expect(table.stdout).toMatch(/^vout_avg vs chamber temperature\s+5\s+/m)
    expect(table.stdout).toMatch(/no result differs beyond the runs' noise \(95 %; 4 compared\)$/m)
  })

  describe('what dvt fit, dvt compare and dvt serve --dut refuse, in one sentence', () => {
    const stored = (test: string, status: 'passed' | 'error', dutSerial: string | null = null) => ({
      id: randomUUID(),
      test,
      status,
      dutSerial,
    })
    const unknownTest = stored('gain_sweep', 'passed')
    const broken = stored('tempco', 'error')

    beforeAll(async () => {
      const storage = openStorage({
        databasePath: join(dir, 'data/dvt.db'),
        measurementsDir: join(dir, 'data/measurements'),
      })
      for (const run of [unknownTest, broken]) {
        const { status, ...rest } = run
        await storage.createRun({
          ...rest,
          startedAt: new Date().toISOString(),
          parameters: {},
          config: null,
          softwareVersion: '0.1.0',
        })
        await storage.startRun(run.id)
        await storage.completeRun(run.id, {
          status,
          completedAt: new Date().toISOString(),
          ...(status === 'error' ? { statusReason: 'the multimeter stopped answering' } : {}),
        })
      }
      await storage.close()
    })

    it.each<[string, () => string[], RegExp]>([
      ['an unknown run to fit', () => ['fit', '0badc0de'], /^dvt: no run matches "0badc0de"/],
      ['an unknown run to compare', () => ['compare', '0badc0de', '1badc0de'], /^dvt: no run matches "0badc0de"/],
      [
        'a run of a test it does not read',
        () => ['fit', unknownTest.id],
        /is a gain_sweep run; dvt fit reads tempco, load_regulation, line_regulation, dropout and iq_vs_temp runs$/,
      ],
      [
        'a run that ended in error',
        () => ['fit', broken.id],
        /ended "error" \(the multimeter stopped answering\); dvt fit uses only runs that completed/,
      ],
      ['the same run twice', () => ['fit', ids.tempco!, ids.tempco!], /is given twice; name each run once$/],
    ])('%s', async (_, argv, pattern) => {
      expectOneSentence(await dvt(argv()), pattern)
    })

    it('runs of two parts', async () => {
      const other = await dvt(['run-test', 'iq_vs_temp', '--set', 'iq_samples=50', '--serial', 'SN-43', '--json'])
      expect(other.code, other.stderr).toBe(0)
      const otherId = (JSON.parse(other.stdout) as { id: string }).id
      expectOneSentence(
        await dvt(['fit', ids.tempco!, otherId]),
        /are of different parts \(serials SN-42 and SN-43\); fit one part at a time$/,
      )
    })

    it('a bad DUT file: dvt serve --dut names the file and the key, and exits', async () => {
      const bad = join(dir, 'bad.yaml')
      writeFileSync(bad, 'format: dvt-dut/1\ndut:\n  parameters:\n    tempco_ppm_per_c: fast\n')
      expectOneSentence(
        await dvt(['serve', '--dut', bad, '--no-dashboard']),
        /^dvt: dut file .*bad\.yaml: dut\.parameters\.tempco_ppm_per_c must be a number, got "fast"$/,
      )
      writeFileSync(bad, 'physics:\n  seed: 2\n')
      expectOneSentence(await dvt(['serve', '--dut', bad, '--no-dashboard']), /bad\.yaml is not a DUT file/)
      expectOneSentence(
        await dvt(['serve', '--dut', join(dir, 'none.yaml')]),
        /^dvt: dut file .*none\.yaml does not exist$/,
      )
    })
  })
})
