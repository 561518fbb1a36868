import { once } from 'node:events'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance } from '@duckdb/node-api'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectOutput, type DvtResult, runDvt, spawnDvt, startServe } from './support/dvt-process'
import { expectOneSentence } from './support/expect-cli'

// Record a full default tempco on a real `dvt serve`, stop the server, and replay the session with the real CLI:
// nothing simulates anything from then on.

interface RunJson {
  id: string
  status: string
  results: { parameter: string; value: number | null; passed: boolean | null }[]
  parquet: string
  replay?: {
    served: number
    total: number
    approximated: number
    divergence: { instrument: string; reason: string; expected: string; got: string; message: string } | null
  }
}

let dir: string
let env: NodeJS.ProcessEnv
let recorded: RunJson

const dvt = (args: string[]) => runDvt(args, { env, cwd: dir, timeoutMs: 60_000 })

function parseRun(r: DvtResult): RunJson {
  const lines = r.stdout.trim().split('\n')
  expect(lines, r.stderr).toHaveLength(1)
  return JSON.parse(lines[0]!) as RunJson
}

/** A run's readings in order, without their wall-clock timestamp and run ID (which differ by nature). */
async function readings(run: RunJson): Promise<Record<string, unknown>[]> {
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(run.parquet) })
  return rows.map(({ timestamp: _t, run_id: _r, ...row }) => row)
}

const resultValues = (run: RunJson) => run.results.map((r) => [r.parameter, r.value, r.passed])

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-e2e-replay-'))
  const serve = await startServe({ dir })
  env = serve.env
  try {
    const r = await dvt(['run-test', 'tempco', '--speed', 'max', '--json'])
    expect(r.code, r.stderr).toBe(0)
    recorded = parseRun(r)
  } finally {
    expect(await serve.stop()).toBe(0)
  }
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a tempco recorded on dvt serve, replayed with the server stopped', () => {
  it('dvt show-run --session prints the header, the instruments and every exchange', async () => {
    const r = await dvt(['show-run', recorded.id.slice(0, 8), '--session'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^session {4}\S+sessions\/run_[0-9a-f-]{36}\.ndjson\.gz$/m)
    expect(r.stdout).toMatch(/^dmm {9}TCPIP::127\.0\.0\.1::\d+::SOCKET +Keysight Technologies,34461A-SIM/m)
    expect(r.stdout).toMatch(
      / dmm {9}READ\?;:SYST:ERR\? → [+-]\d\.\d{8}E[+-]\d\d(,[+-]\d\.\d{8}E[+-]\d\d){9};\+0,"No error"$/m,
    )
    const json = await dvt(['show-run', recorded.id, '--session', '--json'])
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string })
    expect(lines[0]).toMatchObject({ type: 'header', run_id: recorded.id, test: 'tempco' })
    expect(lines.at(-1)).toMatchObject({ type: 'end', status: 'passed', exchanges: lines.length - 2 })
  })

  it('is gzip NDJSON another tool reads as it is (DuckDB)', async () => {
    const duck = await DuckDBInstance.create(':memory:')
    const conn = await duck.connect()
    try {
      const file = join(dir, 'data', 'measurements', 'sessions', `run_${recorded.id}.ndjson.gz`)
      const reader = await conn.runAndReadAll(
        `SELECT role, count(*)::INTEGER AS n FROM read_json('${file}', format = 'newline_delimited')
         WHERE type = 'exchange' AND received LIKE '%;+0,"No error"' GROUP BY role ORDER BY role`,
      )
      const counts = Object.fromEntries(reader.getRowObjects().map((r) => [r.role, r.n]))
      expect(Object.keys(counts)).toEqual(['chamber', 'control', 'dmm', 'load', 'mux', 'supply'])
      expect(counts.dmm).toBeGreaterThanOrEqual(6)
    } finally {
      conn.closeSync()
      duck.closeSync()
    }
  })

  it('strict: the same results and readings, every recorded exchange served', async () => {
    const r = await dvt(['run-test', 'tempco', '--replay', recorded.id.slice(0, 8), '--json'])
    expect(r.code, r.stderr).toBe(0)
    const again = parseRun(r)
    expect(again.id).not.toBe(recorded.id)
    expect(resultValues(again)).toEqual(resultValues(recorded))
    expect(await readings(again)).toEqual(await readings(recorded))
    expect(again.replay).toMatchObject({ divergence: null, approximated: 0 })
    expect(again.replay!.served).toBe(again.replay!.total)
  })

  it('strict: one edited command (NPLC 10 → 1) stops the replay with a diff naming it', async () => {
    const r = await dvt(['run-test', 'tempco', '--replay', recorded.id, '--set', 'nplc=1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/replay stopped at exchange \d+ of \d+ of the multimeter \(dmm\)/)
    expect(r.stderr).toMatch(/^ {2}expected: CONF:VOLT:DC 10;:VOLT:DC:NPLC 10;/m)
    expect(r.stderr).toMatch(/^ {2}got: {6}CONF:VOLT:DC 10;:VOLT:DC:NPLC 1;/m)
    expect(r.stdout).toMatch(/^tempco: ERROR/m)
  })

  it('lenient: the edited test finishes, answered from the nearest recorded exchanges', async () => {
    const r = await dvt(['run-test', 'tempco', '--replay', recorded.id, '--lenient', '--set', 'nplc=1', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const run = parseRun(r)
    expect(run.status).toBe('passed')
    expect(run.replay).toMatchObject({ divergence: null })
    expect(run.replay!.approximated).toBeGreaterThan(0)
  })

  it('dvt replay serves the recording on its own ports until Ctrl-C; the same test run against it passes', async () => {
    const child = spawnDvt(['replay', recorded.id.slice(0, 8), '--port-base', '0'], { env, cwd: dir })
    const output = collectOutput(child)
    const exited = once(child, 'exit')
    try {
      await until(
        () => /Press Ctrl-C to stop/.test(output.stdout()),
        () => output.stderr(),
      )
      const ports = Object.fromEntries(
        [...output.stdout().matchAll(/^ {2}(control|chamber|supply|dmm|load|mux) +(\d+) /gm)].map((m) => [
          m[1]!,
          m[2]!,
        ]),
      )
      expect(Object.keys(ports).sort()).toEqual(['chamber', 'control', 'dmm', 'load', 'mux', 'supply'])
      const at = Object.fromEntries(
        Object.entries(ports).map(([role, port]) => [`DVT__INSTRUMENTS__SIMULATOR__${role.toUpperCase()}_PORT`, port]),
      )
      const r = await runDvt(['run-test', 'tempco', '--json'], { env: { ...env, ...at }, cwd: dir })
      expect(r.code, r.stderr).toBe(0)
      expect(resultValues(parseRun(r))).toEqual(resultValues(recorded))
    } finally {
      child.kill('SIGINT')
    }
    const [code] = await exited
    expect(code, output.stderr()).toBe(0)
    expect(output.stdout()).toMatch(/replay stopped: (\d+) of \1 recorded exchanges served/)
  })
})

describe('a run on real instruments (the VISA backend, wall clock), replayed on the replay’s own clock', () => {
  // `dvt serve` at 1 000× real time stands in for a real bench reached through VISA resource strings: the run has no
  // simulation control and waits on the wall clock, as on real hardware, so the waits are kept to milliseconds.
  const sets = ['--set', 'step_settle_s=0.01', '--set', 'dwell_s=0.01', '--set', 'poll_s=0.01', '--set', 'soak_s=0']
  let visaDir: string
  let visaEnv: NodeJS.ProcessEnv
  let real: RunJson

  beforeAll(async () => {
    visaDir = mkdtempSync(join(tmpdir(), 'dvt-e2e-replay-visa-'))
    const serve = await startServe({ dir: visaDir, speed: '1000' })
    const resource = (role: 'chamber' | 'supply' | 'dmm' | 'load') => `TCPIP::127.0.0.1::${serve.ports[role]}::SOCKET`
    visaEnv = {
      ...serve.env,
      DVT__INSTRUMENTS__BACKEND: 'visa',
      DVT__INSTRUMENTS__VISA__CHAMBER: resource('chamber'),
      DVT__INSTRUMENTS__VISA__SUPPLY: resource('supply'),
      DVT__INSTRUMENTS__VISA__DMM: resource('dmm'),
      DVT__INSTRUMENTS__VISA__LOAD: resource('load'),
    }
    try {
      const r = await runDvt(['run-test', 'load_regulation', ...sets, '--json'], { env: visaEnv, cwd: visaDir })
      expect(r.code, r.stderr).toBe(0)
      real = parseRun(r)
    } finally {
      expect(await serve.stop()).toBe(0)
    }
  })

  afterAll(() => rmSync(visaDir, { recursive: true, force: true }))

  it('records the four instruments without simulation control, and replays to the same results', async () => {
    const shown = await runDvt(['show-run', real.id, '--session', '--json'], { env: visaEnv, cwd: visaDir })
    const header = JSON.parse(shown.stdout.split('\n')[0]!) as { backend: string; instruments: { role: string }[] }
    expect(header.backend).toBe('visa')
    expect(header.instruments.map((i) => i.role)).toEqual(['chamber', 'supply', 'dmm', 'load'])
    const r = await runDvt(['run-test', 'load_regulation', ...sets, '--replay', real.id, '--json'], {
      env: visaEnv,
      cwd: visaDir,
    })
    expect(r.code, r.stderr).toBe(0)
    const again = parseRun(r)
    expect(resultValues(again)).toEqual(resultValues(real))
    expect(again.replay).toMatchObject({ divergence: null })
    expect(again.replay!.served).toBe(again.replay!.total)
  })
})

describe('bad input to dvt replay and run-test --replay: one sentence, non-zero exit', () => {
  it('an unknown run', async () => {
    expectOneSentence(await dvt(['replay', '0badc0de']), /no run matches "0badc0de"/)
    expectOneSentence(await dvt(['run-test', 'tempco', '--replay', '0badc0de']), /no run matches "0badc0de"/)
  })

  it('a run without a session (older runs)', async () => {
    const older = await replayedRun()
    rmSync(sessionFile(older), { force: true })
    expectOneSentence(await dvt(['replay', older]), /^dvt: run [0-9a-f]{8} has no session recording \(/)
    expectOneSentence(await dvt(['show-run', older, '--session']), /has no session recording/)
  })

  it('a corrupt session file', async () => {
    const damaged = await replayedRun()
    writeFileSync(sessionFile(damaged), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3]))
    expectOneSentence(await dvt(['replay', damaged]), /session recording \S+ is corrupt: it is not an intact gzip file/)
    expectOneSentence(await dvt(['run-test', 'tempco', '--replay', damaged]), /is corrupt/)
  })

  it('a port in use', async () => {
    const holder = await listen()
    try {
      const port = (holder.address() as { port: number }).port
      expectOneSentence(
        await dvt(['replay', recorded.id, '--port-base', String(port)]),
        new RegExp(`cannot serve the simulation control on 127\\.0\\.0\\.1:${port}: the port is already in use`),
      )
    } finally {
      holder.close()
    }
  })

  it('both modes at once, or a bad port base', async () => {
    expectOneSentence(
      await dvt(['replay', recorded.id, '--strict', '--lenient']),
      /choose one of --strict and --lenient/,
    )
    expectOneSentence(await dvt(['replay', recorded.id, '--port-base', 'x']), /--port-base takes a port/)
  })
})

/** A fresh run with a session of its own: a replay of the recording is one, and needs no bench. */
async function replayedRun(): Promise<string> {
  const r = await dvt(['run-test', 'tempco', '--replay', recorded.id, '--json'])
  expect(r.code, r.stderr).toBe(0)
  return parseRun(r).id
}

function sessionFile(runId: string): string {
  return join(dir, 'data', 'measurements', 'sessions', `run_${runId}.ndjson.gz`)
}

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

async function until(ready: () => boolean, why: () => string): Promise<void> {
  for (let i = 0; i < 200 && !ready(); i++) await new Promise((r) => setTimeout(r, 50))
  if (!ready()) throw new Error(`dvt replay did not start:\n${why()}`)
}
