import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStorageBackend, type StorageBackend } from '@dvt/storage'
import { type PgCluster, startPgCluster } from '@dvt/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDvt, type ServeHandle, spawnDvt, startServe } from './support/dvt-process'

// A lab: four benches (`dvt serve`, one station each), one real PostgreSQL (a private cluster of Debian's
// postgresql package, removed afterwards) and one measurements folder that every station writes its Parquet into.
const TEMPCOS = [20, 50, 80, 35]

let cluster: PgCluster
let url: string
let root: string
let benches: ServeHandle[] = []
let store: StorageBackend

/** The environment of a `dvt` command on station i: its bench, the lab's database, the shared dataset. */
function stationEnv(i: number, databaseUrl = url): NodeJS.ProcessEnv {
  return {
    ...benches[i]!.env,
    DVT__STATION__NAME: `s${i}`,
    DVT__DATA__DATABASE_URL: databaseUrl,
    DVT__DATA__DATABASE_PATH: join(root, `station-s${i}`, 'dvt.db'),
    DVT__DATA__MEASUREMENTS_DIR: join(root, 'measurements'),
  }
}

beforeAll(async () => {
  cluster = await startPgCluster()
  url = await cluster.createDatabase('lab')
  root = mkdtempSync(join(tmpdir(), 'dvt-lab-'))
  benches = await Promise.all(
    TEMPCOS.map((tempco, i) =>
      startServe({
        env: { DVT__STATION__NAME: `s${i}`, DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: String(tempco) },
      }),
    ),
  )
  store = await openStorageBackend({
    databaseUrl: url,
    databasePath: join(root, 'checker', 'dvt.db'),
    measurementsDir: join(root, 'measurements'),
  })
}, 120_000)

afterAll(async () => {
  await store?.close()
  await Promise.all(benches.map((b) => b.stop()))
  cluster?.destroy()
  if (root) rmSync(root, { recursive: true, force: true })
})

interface RunJson {
  id: string
  status: string
  measurements: number
  results: { parameter: string; value: number }[]
}

describe('four stations and one PostgreSQL', () => {
  const runs: RunJson[] = []

  it('four concurrent dvt run-test: every reading of every run present, IDs unique, provenance names its station', async () => {
    const outcomes = await Promise.all(
      benches.map((_, i) =>
        runDvt(['run-test', 'tempco', '--json', '--serial', `SN-${i}`], { env: stationEnv(i), cwd: root }),
      ),
    )
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.code, `station s${i}: ${outcome.stderr}`).toBe(0)
      runs.push(JSON.parse(outcome.stdout) as RunJson)
    }
    expect(new Set(runs.map((r) => r.id)).size).toBe(4)
    expect((await store.listRuns()).total).toBe(4)
    for (const [i, reported] of runs.entries()) {
      const run = await store.getRun(reported.id)
      expect(run).toMatchObject({ status: 'passed', station: `s${i}`, dutSerial: `SN-${i}`, hostname: hostname() })
      expect(reported.measurements).toBeGreaterThan(50)
      expect(run!.measurementCount).toBe(reported.measurements)
      const rows = await store.readMeasurements(reported.id)
      expect(rows).toHaveLength(reported.measurements)
      expect(run!.parquetPath).toContain(`/station=s${i}/test=tempco/date=`)
      expect(run!.provenance).toMatchObject({
        station: `s${i}`,
        host: hostname(),
        simulator: { seed: 1, dut: { TEMPCO_PPM_PER_C: TEMPCOS[i] } },
      })
      expect(Object.keys(run!.provenance!.instruments).sort()).toEqual([
        'chamber',
        'control',
        'dmm',
        'load',
        'mux',
        'supply',
      ])
      expect(
        Object.values(run!.provenance!.instruments).every((idn) => typeof idn === 'string' && idn.length > 0),
      ).toBe(true)
      expect(JSON.parse(run!.provenance!.configJson!)).toMatchObject({ station: { name: `s${i}` } })
      expect((await store.getEvents(reported.id)).at(-1)?.message).toBe('run finished: passed')
    }
    const stations = await store.listRuns({ station: 's2' })
    expect(stations.runs.map((r) => r.id)).toEqual([runs[2]!.id])
  })

  it('dvt sql over the runs of the stations gives the tempco slope per station, equal to the stored results', async () => {
    expect(runs).toHaveLength(4)
    const query = `
      SELECT station,
        regr_slope(value, temperature) / arg_min(value, abs(temperature - 25)) * 1e6 AS tempco_ppm_per_c,
        count(*) AS points
      FROM measurements WHERE parameter = 'vout_avg' AND station IN ('s0', 's1', 's2')
      GROUP BY station ORDER BY station`
    const out = await runDvt(['sql', query, '--json'], { env: stationEnv(0), cwd: root })
    expect(out.code, out.stderr).toBe(0)
    const rows = JSON.parse(out.stdout) as { station: string; tempco_ppm_per_c: number; points: number }[]
    expect(rows.map((r) => [r.station, r.points])).toEqual([
      ['s0', 6],
      ['s1', 6],
      ['s2', 6],
    ])
    for (const [i, row] of rows.entries()) {
      const stored = runs[i]!.results.find((r) => r.parameter === 'tempco_ppm_per_c')!.value
      expect(row.tempco_ppm_per_c).toBeCloseTo(stored, 6)
      expect(row.tempco_ppm_per_c).toBeCloseTo(TEMPCOS[i]!, 0)
    }
    const table = await runDvt(['sql', 'SELECT station, count(*) AS n FROM measurements GROUP BY 1 ORDER BY 1'], {
      env: stationEnv(0),
      cwd: root,
    })
    expect(table.stdout).toMatch(/^station\s+n\s*$/m)
    expect(table.stdout).toMatch(/^s3\s+\d+\s*$/m)
    expect(table.stdout).toMatch(/^4 rows$/m)
    const csv = await runDvt(['sql', "SELECT 'a,b' AS x, NULL AS y", '--csv'], { env: stationEnv(0), cwd: root })
    expect(csv.stdout).toBe('x,y\n"a,b",\n')
  })

  it('a bad query is one sentence and exit 1', async () => {
    const out = await runDvt(['sql', 'SELECT nope FROM measurements'], { env: stationEnv(0), cwd: root })
    expect(out.code).toBe(1)
    expect(out.stdout).toBe('')
    expect(out.stderr.trim().split('\n')).toHaveLength(1)
    expect(out.stderr).toMatch(/^dvt: DuckDB refused the query: Binder Error: .*"nope".* — the view "measurements" has/)
  })

  it('an unreachable database at start: one sentence, exit 2, nothing recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvt-lab-unreachable-'))
    const before = (await store.listRuns()).total
    try {
      const env = { ...stationEnv(0, 'postgres://dvt@127.0.0.1:1/dvt'), DVT__DATA__DATABASE_PATH: join(dir, 'dvt.db') }
      const out = await runDvt(['run-test', 'tempco'], { env: { ...env, DVT__DATA__MEASUREMENTS_DIR: dir }, cwd: dir })
      expect(out.code).toBe(2)
      expect(out.stdout).toBe('')
      expect(out.stderr).toMatch(
        /^dvt: cannot reach the database at postgres:\/\/dvt@127\.0\.0\.1:1\/dvt \(.*ECONNREFUSED.*\) — is PostgreSQL running there\? Check data\.database_url\n$/,
      )
      expect(readdirSync(dir)).toEqual([])
      expect((await store.listRuns()).total).toBe(before)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('PostgreSQL stopped for 5 s in the middle of a run', () => {
  it('the run rides it out: readings kept in the local spool are written when the database is back, none lost', async () => {
    const env = stationEnv(1)
    // 45 simulated minutes at 300× take about 9 s: the outage falls in the middle of the sweep.
    const child = spawnDvt(['run-test', 'tempco', '--json', '--speed', '300', '--serial', 'OUTAGE'], { env, cwd: root })
    let stdout = ''
    let stderr = ''
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
    const running = await waitForRunning('OUTAGE')
    cluster.stop()
    const stoppedAt = Date.now()
    await new Promise((r) => setTimeout(r, 5000))
    cluster.start()
    const code = await exited
    expect(code, stderr).toBe(0)
    expect(Date.now() - stoppedAt).toBeGreaterThan(5000)
    expect(stderr).toMatch(
      /^note: the database was unreachable during the run; \d+ writes were kept locally \(all written since\)\.$/m,
    )
    const reported = JSON.parse(stdout) as RunJson
    expect(reported.id).toBe(running)
    const run = await store.getRun(reported.id)
    expect(run).toMatchObject({ status: 'passed', station: 's1', measurementCount: reported.measurements })
    expect(await store.readMeasurements(reported.id)).toHaveLength(reported.measurements)
    const results = await store.getResults(reported.id)
    expect(results.map((r) => r.parameter).sort()).toEqual(reported.results.map((r) => r.parameter).sort())
    expect((await store.getEvents(reported.id)).at(-1)?.message).toBe('run finished: passed')
    // Everything kept locally was written: the spool is gone.
    const spool = join(root, 'station-s1', 'spool')
    expect(readdirSync(spool).filter((f) => f.endsWith('.db'))).toEqual([])
  }, 90_000)
})

/** Polls the database until the run with this serial has readings stored; returns its ID. */
async function waitForRunning(serial: string): Promise<string> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const page = await store.listRuns({ search: serial })
    const run = page.runs.find((r) => r.dutSerial === serial)
    if (run && run.status === 'running' && run.measurementCount > 0) return run.id
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no run of ${serial} started within 30 s`)
}
