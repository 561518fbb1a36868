import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorage } from '@dvt/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DvtResult, runDvt, type ServeHandle, startServe } from './support/dvt-process'
import { expectOneSentence } from './support/expect-cli'

// The library, the run listing and every user error, through a real `dvt serve` (lockstep) and the real CLI.

const LIBRARY = [
  'tempco',
  'load_regulation',
  'line_regulation',
  'dropout',
  'iq_vs_temp',
  'output_voltage',
  'quiescent_current',
]

interface RunJson {
  id: string
  test: string
  status: string
  results: { parameter: string; value: number | null; passed: boolean | null }[]
  measurements: number
}

interface ListedRun {
  id: string
  test: string
  status: string
  measurementCount: number
}

function parseRun(r: DvtResult): RunJson {
  expect(r.stdout.trim().split('\n'), r.stderr).toHaveLength(1)
  return JSON.parse(r.stdout) as RunJson
}

function values(run: RunJson): Record<string, number> {
  return Object.fromEntries(run.results.map((r) => [r.parameter, r.value ?? Number.NaN]))
}

/**
 * A loopback port that refuses connections: port 1 (tcpmux). Nothing listens there on these machines and no test
 * binds it. A port bound once and released would not do: a server of a test running in parallel can be given it.
 */
const REFUSED_PORT = 1

/**
 * Each other library test, once, on the default DUT (docs/physics.md#ldo-regulator; expected values in docs/tests.md).
 * The bounds are wide enough for instrument noise and narrow enough to catch a wrong model or analysis.
 */
const LIBRARY_RUNS: { test: string; check(v: Record<string, number>): void }[] = [
  {
    test: 'load_regulation',
    check: (v) => {
      // 50 mΩ less ≈ 5.6 mΩ of self-heating through the 50 ppm/°C tempco.
      expect(v.load_regulation_mohm).toBeGreaterThan(38)
      expect(v.load_regulation_mohm).toBeLessThan(50)
      expect(v.load_regulation_pct).toBeGreaterThan(0.5)
      expect(v.load_regulation_pct).toBeLessThan(0.8)
      expect(v.vout_min_load_v).toBeCloseTo(3.3, 2)
    },
  },
  {
    test: 'line_regulation',
    check: (v) => {
      // 0.01 %/V of the model plus ≈ 0.01 %/V from self-heating (0.1 A · 20 °C/W · 50 ppm/°C).
      expect(v.line_regulation_pct_per_v).toBeGreaterThan(0.012)
      expect(v.line_regulation_pct_per_v).toBeLessThan(0.03)
      expect(v.line_regulation_mv_per_v).toBeCloseTo((v.line_regulation_pct_per_v! / 100) * 3.3 * 1000, 1)
      expect(v.vout_nominal_vin_v).toBeCloseTo(3.295, 2)
    },
  },
  {
    test: 'dropout',
    check: (v) => {
      // 0.3 V · ((T_j + 273.15) / 300)^1.5 at −40, 25 and 85 °C.
      expect(v.dropout_cold_v).toBeCloseTo(0.205, 1)
      expect(Math.abs(v.dropout_room_v! - 0.298)).toBeLessThan(0.015)
      expect(Math.abs(v.dropout_hot_v! - 0.392)).toBeLessThan(0.02)
      expect(v.dropout_cold_v).toBeLessThan(v.dropout_room_v!)
      expect(v.dropout_room_v).toBeLessThan(v.dropout_hot_v!)
    },
  },
  {
    test: 'iq_vs_temp',
    check: (v) => {
      // 50 µA at 25 °C (read-back noise ≈ 3 µA), +0.3 %/°C.
      expect(Math.abs(v.iq_25c_ua! - 50)).toBeLessThan(10)
      expect(v.iq_tempco_pct_per_c).toBeGreaterThan(0.2)
      expect(v.iq_tempco_pct_per_c).toBeLessThan(0.4)
    },
  },
  {
    test: 'output_voltage',
    check: (v) => {
      // 3.3 V less 0.05 Ω · 0.1 A, plus ≈ 0.6 mV of self-heating through the 50 ppm/°C tempco.
      expect(Math.abs(v.vout_v! - 3.2956)).toBeLessThan(0.5e-3)
    },
  },
  {
    test: 'quiescent_current',
    check: (v) => {
      // 50 µA at 25 °C (read-back noise ≈ 3 µA).
      expect(Math.abs(v.iq_ua! - 50)).toBeLessThan(10)
    },
  },
]

describe('dvt CLI against a real dvt serve', () => {
  let serve: ServeHandle
  const dvt = (args: string[]) => runDvt(args, { env: serve.env, cwd: serve.dir })

  beforeAll(async () => {
    serve = await startServe({ speed: 'max' })
  })
  afterAll(async () => {
    await serve?.stop()
  })

  it('list-tests lists the library with descriptions and parameters', async () => {
    const r = await dvt(['list-tests'])
    expect(r.code, r.stderr).toBe(0)
    const listed = r.stdout.split('\n').filter((line) => /^\S/.test(line))
    expect(listed).toEqual(LIBRARY)
    expect(r.stdout).toMatch(/^tempco\n {2}Output voltage temperature coefficient/m)
    expect(r.stdout).toMatch(/--set points_c=… \[default \[-40,-20,0,25,50,85\]\]/)
    expect(r.stdout).toMatch(/--set limit_ppm_per_c=… \[default 100\]/)
  })

  it.each(LIBRARY_RUNS)('runs $test once: passed, exit 0, plausible values', async ({ test, check }) => {
    const r = await dvt(['run-test', test, '--json'])
    const run = parseRun(r)
    expect(run, r.stderr).toMatchObject({ test, status: 'passed' })
    expect(r.code).toBe(0)
    expect(run.measurements).toBeGreaterThan(0)
    expect(run.results.every((result) => result.passed !== false)).toBe(true)
    check(values(run))
  })

  describe('list-runs and show-run', () => {
    let failed: RunJson
    let passed: RunJson

    beforeAll(async () => {
      failed = parseRun(
        await dvt(['run-test', 'tempco', '--set', 'points_c=[0,50]', '--set', 'limit_ppm_per_c=1', '--json']),
      )
      passed = parseRun(await dvt(['run-test', 'load_regulation', '--set', 'loads_a=[0,0.2]', '--json']))
    })

    const listRuns = async (...args: string[]): Promise<ListedRun[]> => {
      const r = await dvt(['list-runs', '--json', ...args])
      expect(r.code, r.stderr).toBe(0)
      return JSON.parse(r.stdout) as ListedRun[]
    }

    it('the fixture runs ended as intended (failed tempco, passed load regulation)', async () => {
      expect(failed).toMatchObject({ test: 'tempco', status: 'failed', measurements: 22 })
      expect(passed).toMatchObject({ test: 'load_regulation', status: 'passed', measurements: 22 })
    })

    it('--limit gives the newest runs first', async () => {
      expect((await listRuns('--limit', '1')).map((r) => r.id)).toEqual([passed.id])
      expect((await listRuns('--limit', '2')).map((r) => r.id)).toEqual([passed.id, failed.id])
    })

    it('--status and --test filter', async () => {
      const failedRuns = await listRuns('--status', 'failed', '--limit', '100')
      expect(failedRuns.every((r) => r.status === 'failed')).toBe(true)
      expect(failedRuns.map((r) => r.id)).toContain(failed.id)
      expect(failedRuns.map((r) => r.id)).not.toContain(passed.id)
      const loadRuns = await listRuns('--test', 'load_regulation', '--limit', '100')
      expect(loadRuns.every((r) => r.test === 'load_regulation')).toBe(true)
      expect(loadRuns.map((r) => r.id)).toContain(passed.id)
      expect(await listRuns('--test', 'dropout', '--status', 'aborted')).toEqual([])
    })

    it('prints a table with short IDs and a count', async () => {
      const r = await dvt(['list-runs', '--limit', '2'])
      expect(r.code, r.stderr).toBe(0)
      expect(r.stdout).toMatch(new RegExp(`^${passed.id.slice(0, 8)}\\s+load_regulation\\s+passed\\s`, 'm'))
      expect(r.stdout).toMatch(new RegExp(`^${failed.id.slice(0, 8)}\\s+tempco\\s+failed\\s`, 'm'))
      expect(r.stdout).toMatch(/^2 of \d+ runs$/m)
    })

    it('show-run accepts the 8-character prefix and the full ID alike', async () => {
      const short = await dvt(['show-run', failed.id.slice(0, 8)])
      const full = await dvt(['show-run', failed.id])
      expect(short.code, short.stderr).toBe(0)
      expect(full.stdout).toBe(short.stdout)
      expect(short.stdout).toMatch(new RegExp(`^run\\s+${failed.id}$`, 'm'))
      expect(short.stdout).toMatch(/^status\s+failed — tempco_ppm_per_c = [\d.]+ ppm\/°C is above its upper limit 1;/m)
      expect(short.stdout).toMatch(
        new RegExp(
          `^measurements\\s+22 \\(.*/station=[^/]+/test=tempco/date=[\\d-]+/run_${failed.id}\\.parquet\\)$`,
          'm',
        ),
      )
      expect(short.stdout).toMatch(/tempco_ppm_per_c .*-1.*1.*FAIL/)
      expect(short.stdout).toMatch(/run finished: failed/)
    })
  })

  describe('user errors: one sentence, non-zero exit, no stack trace', () => {
    it('an unknown test names the tests there are', async () => {
      expectOneSentence(await dvt(['run-test', 'nope']), /there is no test "nope" — the available tests are tempco, /)
    })

    it.each([
      { set: 'foo=1', says: /tempco has no parameter "foo" — it takes points_c, / },
      { set: 'samples=abc', says: /parameter "samples" of tempco is invalid/ },
      { set: 'samples', says: /--set takes key=value, got "samples"/ },
    ])('a bad --set $set', async ({ set, says }) => {
      expectOneSentence(await dvt(['run-test', 'tempco', '--set', set]), says)
    })

    it('bad list-runs options', async () => {
      expectOneSentence(await dvt(['list-runs', '--limit', '0']), /--limit must be a whole number/)
      expectOneSentence(await dvt(['list-runs', '--status', 'great']), /--status must be one of pending, running, /)
    })

    it('an unknown or malformed run ID', async () => {
      expectOneSentence(
        await dvt(['show-run', '0badc0de']),
        /no run matches "0badc0de" — "dvt list-runs" shows the IDs/,
      )
      expectOneSentence(await dvt(['show-run', 'zz']), /"zz" is not a run ID/)
      expectOneSentence(await dvt(['export-report', '0badc0de']), /no run matches "0badc0de"/)
    })
  })
})

describe('dvt CLI without a server', () => {
  let dir: string
  let env: NodeJS.ProcessEnv
  const dvt = (args: string[]) => runDvt(args, { env, cwd: dir, timeoutMs: 30_000 })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvt-e2e-cli-'))
    const port = String(REFUSED_PORT)
    env = { ...process.env }
    for (const name of ['CONTROL', 'CHAMBER', 'SUPPLY', 'DMM', 'LOAD', 'MUX', 'TELEMETRY']) {
      env[`DVT__INSTRUMENTS__SIMULATOR__${name}_PORT`] = port
    }
    // Two runs whose IDs share their first 8 characters, written by the storage package as the CLI would.
    const storage = openStorage({
      databasePath: join(dir, 'data/dvt.db'),
      measurementsDir: join(dir, 'data/measurements'),
    })
    for (const id of ['abcd1234-0000-4000-8000-000000000001', 'abcd1234-1111-4000-8000-000000000002']) {
      await storage.createRun({
        id,
        test: 'tempco',
        startedAt: '2026-01-01T00:00:00.000Z',
        parameters: {},
        config: null,
        softwareVersion: '0.1.0',
      })
    }
    await storage.close()
  })
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('an ambiguous 8-character prefix names the matches', async () => {
    expectOneSentence(
      await dvt(['show-run', 'abcd1234']),
      /"abcd1234" matches more than one run \(abcd1234-0000-.*, abcd1234-1111-.*\) — give more characters of the ID/,
    )
    const longer = await dvt(['show-run', 'abcd1234-1111'])
    expect(longer.code, longer.stderr).toBe(0)
    expect(longer.stdout).toMatch(/^run\s+abcd1234-1111-4000-8000-000000000002$/m)
  })

  it('dvt query says which instrument it cannot reach and what to do', async () => {
    expectOneSentence(
      await dvt(['query', 'dmm', '*IDN?']),
      /cannot reach the multimeter at 127\.0\.0\.1:\d+ — is "dvt serve" running\?/,
    )
  })

  it('dvt run-test says in one sentence it cannot reach the bench, exit 2, and records no run', async () => {
    const count = async () => (JSON.parse((await dvt(['list-runs', '--json'])).stdout) as unknown[]).length
    const before = await count()
    const r = await dvt(['run-test', 'tempco'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim()).toMatch(
      /^dvt: cannot reach the simulation control at 127\.0\.0\.1:\d+, .*the multimeter at 127\.0\.0\.1:\d+.* — is "dvt serve" running\?$/,
    )
    expect(await count()).toBe(before)
  })
})
