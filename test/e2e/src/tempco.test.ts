import { hostname } from 'node:os'
import { DuckDBInstance } from '@duckdb/node-api'
import { measurementsArrowSchema } from '@dvt/storage/arrow'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DvtResult, runDvt, type ServeHandle, startServe } from './support/dvt-process'

// The whole stack: a real `dvt serve` (lockstep), the real `dvt` CLI in separate processes, noise on.

interface ResultJson {
  parameter: string
  value: number | null
  unit: string
  lower_limit: number | null
  upper_limit: number | null
  passed: boolean | null
  socket: number | null
}

interface RunJson {
  id: string
  test: string
  status: string
  started_at: string
  completed_at: string
  results: ResultJson[]
  measurements: number
  parquet: string
}

const RUN_KEYS = ['completed_at', 'id', 'measurements', 'parquet', 'results', 'started_at', 'status', 'test']
const RESULT_KEYS = ['lower_limit', 'parameter', 'passed', 'socket', 'unit', 'upper_limit', 'value']
/**
 * A run's Parquet file holds the run's metadata (docs/adr/0007) and then the columns of the Arrow series
 * (docs/adr/0002).
 */
const PARQUET_COLUMNS = [
  'run_id',
  'station',
  'test',
  'serial',
  'campaign_id',
  ...measurementsArrowSchema.fields.map((field) => field.name),
]
/** Six points × (10 raw readings + 1 average). */
const DEFAULT_SWEEP_ROWS = 66

/** `run-test --json` prints exactly one JSON object on one line and nothing else on stdout. */
function parseRunJson(r: DvtResult): RunJson {
  const lines = r.stdout.trim().split('\n')
  expect(lines, r.stderr).toHaveLength(1)
  const run = JSON.parse(lines[0]!) as RunJson
  expect(Object.keys(run).sort()).toEqual(RUN_KEYS)
  for (const result of run.results) expect(Object.keys(result).sort()).toEqual(RESULT_KEYS)
  return run
}

function result(run: RunJson, parameter: string): ResultJson {
  const found = run.results.find((r) => r.parameter === parameter)
  if (!found) throw new Error(`no result ${parameter} in ${JSON.stringify(run.results)}`)
  return found
}

async function readParquet(path: string): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path) })
}

/** Independent of the framework's analysis: DuckDB fits the averaged points straight from the Parquet file. */
async function tempcoByDuckDb(path: string): Promise<{ rows: number; ppm: number }> {
  const duck = await DuckDBInstance.create(':memory:')
  const conn = await duck.connect()
  try {
    const reader = await conn.runAndReadAll(
      `WITH m AS (SELECT * FROM read_parquet('${path.replaceAll("'", "''")}')),
            avg AS (SELECT value, temperature FROM m WHERE parameter = 'vout_avg')
       SELECT (SELECT count(*)::INTEGER FROM m) AS rows,
              regr_slope(value, temperature) AS slope,
              (SELECT value FROM avg ORDER BY abs(temperature - 25) LIMIT 1) AS v25
       FROM avg`,
    )
    const [row] = reader.getRowObjectsJS() as { rows: number; slope: number; v25: number }[]
    return { rows: row!.rows, ppm: (row!.slope / row!.v25) * 1e6 }
  } finally {
    conn.closeSync()
    duck.closeSync()
  }
}

const CASES = [
  { tempco: 10, status: 'passed', exit: 0 },
  { tempco: 50, status: 'passed', exit: 0 },
  { tempco: 150, status: 'failed', exit: 1 },
] as const

describe('dvt run-test tempco through the whole stack (noise on)', () => {
  let serve: ServeHandle
  let noise = ''
  const runs = new Map<number, DvtResult>()
  const dvt = (args: string[]) => runDvt(args, { env: serve.env, cwd: serve.dir })
  const runOf = (tempco: number) => parseRunJson(runs.get(tempco)!)

  beforeAll(async () => {
    serve = await startServe({ speed: 'max' })
    noise = (await dvt(['query', 'sim', 'SIM:NOISE?'])).stdout.trim()
    for (const { tempco } of CASES) {
      const set = await dvt(['query', 'sim', `SIM:DUT:PAR TEMPCO_PPM_PER_C,${tempco}`])
      if (set.code !== 0) throw new Error(`cannot set the DUT tempco: ${set.stderr}`)
      runs.set(tempco, await dvt(['run-test', 'tempco', '--json']))
    }
  })
  afterAll(async () => {
    await serve?.stop()
  })

  it('runs with instrument noise switched on', async () => {
    expect(noise).toBe('1')
  })

  it.each(CASES)('recovers a DUT tempco of $tempco ppm/°C within ±1 ppm/°C ($status, exit $exit)', (c) => {
    const r = runs.get(c.tempco)!
    const run = parseRunJson(r)
    const measured = result(run, 'tempco_ppm_per_c')
    // V_out(25 °C) is 3.3 − 0.05 Ω·0.1 A, so the ratio to V25 may read up to 3.3/3.295 of the configured value.
    expect(Math.abs(measured.value! - c.tempco)).toBeLessThanOrEqual(1)
    expect(Math.abs(measured.value! - (c.tempco * 3.3) / 3.295)).toBeLessThanOrEqual(1)
    expect(measured).toMatchObject({
      unit: 'ppm/°C',
      lower_limit: -100,
      upper_limit: 100,
      passed: c.tempco <= 100,
      socket: null,
    })
    expect(run).toMatchObject({ test: 'tempco', status: c.status, measurements: DEFAULT_SWEEP_ROWS })
    expect(r.code).toBe(c.exit)
    expect(Date.parse(run.completed_at)).toBeGreaterThanOrEqual(Date.parse(run.started_at))
    // Noise on: the fit does not pass exactly through six averaged points.
    expect(result(run, 'fit_residual_uv').value).toBeGreaterThan(0)
    expect(result(run, 'vout_25c_v').value).toBeCloseTo(3.295, 2)
  })

  it('names the failed limits of the 150 ppm/°C DUT: tempco and box tempco fail, V_out at 25 °C passes', async () => {
    const verdicts = Object.fromEntries(runOf(150).results.map((r) => [r.parameter, r.passed]))
    expect(verdicts).toEqual({
      tempco_ppm_per_c: false,
      tempco_box_ppm_per_c: false,
      vout_25c_v: true,
      fit_residual_uv: null,
    })
  })

  it('writes a Parquet file hyparquet reads back: every column, one run, row count = measurements', async () => {
    const run = runOf(50)
    expect(run.parquet).toMatch(
      new RegExp(`/station=${hostname()}/test=tempco/date=\\d{4}-\\d{2}-\\d{2}/run_${run.id}\\.parquet$`),
    )
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(run.parquet))
    expect(metadata.schema.slice(1).map((s) => s.name)).toEqual(PARQUET_COLUMNS)
    const rows = await readParquet(run.parquet)
    expect(rows).toHaveLength(run.measurements)
    expect(new Set(rows.map((row) => row.run_id))).toEqual(new Set([run.id]))
    expect(new Set(rows.map((row) => `${row.station} ${row.test} ${row.campaign_id}`))).toEqual(
      new Set([`${hostname()} tempco null`]),
    )
    const averages = rows.filter((row) => row.parameter === 'vout_avg')
    expect(averages.map((row) => Math.round(row.temperature as number))).toEqual([-40, -20, 0, 25, 50, 85])
    for (const row of rows) {
      expect(row.unit).toBe('V')
      expect(row.value as number).toBeGreaterThan(3.28)
      expect(row.value as number).toBeLessThan(3.31)
      expect(row.input_voltage as number).toBeCloseTo(5, 2)
      expect(row.load_current as number).toBeCloseTo(0.1, 2)
      expect(row.timestamp).toBeInstanceOf(Date)
    }
    const simTimes = rows.map((row) => row.sim_time as number)
    expect(simTimes).toEqual([...simTimes].sort((a, b) => a - b))
    // Noise on: the ten raw readings of one point are not all the same.
    const raw = rows.filter((row) => row.parameter === 'vout').slice(0, 10)
    expect(new Set(raw.map((row) => row.value)).size).toBeGreaterThan(1)
  })

  it.each(CASES)('gives DuckDB the same row count and, from the averaged points alone, $tempco ppm/°C', async (c) => {
    const run = runOf(c.tempco)
    const duck = await tempcoByDuckDb(run.parquet)
    expect(duck.rows).toBe(run.measurements)
    expect(Math.abs(duck.ppm - c.tempco)).toBeLessThanOrEqual(1)
    expect(duck.ppm).toBeCloseTo(result(run, 'tempco_ppm_per_c').value!, 3)
  })

  it('stores the same run: show-run has the status, the results and the measurement count', async () => {
    const run = runOf(150)
    const shown = await dvt(['show-run', '--json', run.id])
    expect(shown.code, shown.stderr).toBe(0)
    const stored = JSON.parse(shown.stdout) as {
      status: string
      measurementCount: number
      parquetPath: string
      results: { parameter: string; value: number }[]
    }
    expect(stored).toMatchObject({ status: 'failed', measurementCount: run.measurements, parquetPath: run.parquet })
    expect(stored.results.find((r) => r.parameter === 'tempco_ppm_per_c')?.value).toBe(
      result(run, 'tempco_ppm_per_c').value,
    )
  })
})
