import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dashboardConnects, postJson } from './support/dashboard-http'
import { runDvt, startServe } from './support/dvt-process'
import { serveForSuite } from './support/serve-for-suite'

describe('dvt serve (real process, free ports)', () => {
  const serve = serveForSuite({ speed: 'max' })

  it('prints every instrument with its port and *IDN? string', async () => {
    const out = serve().stdout()
    expect(out).toMatch(/chamber\s+\d+\s+TEMPTRONIC,ATS-545-SIM,0,1\.0\.0/)
    expect(out).toMatch(/supply\s+\d+\s+Keysight Technologies,E36312A-SIM/)
    expect(out).toMatch(/dmm\s+\d+\s+Keysight Technologies,34461A-SIM/)
    expect(out).toMatch(/load\s+\d+\s+Keysight Technologies,EL34143A-SIM/)
    expect(out).toMatch(/control\s+\d+\s+DVT-SIM,CONTROL/)
    expect(out).toMatch(/speed max/)
  })

  it('answers dvt query with the reply, and reports queued errors in words with a non-zero exit', async () => {
    const idn = await runDvt(['query', 'dmm', '*IDN?'], { env: serve().env })
    expect(idn.stdout.trim()).toBe('Keysight Technologies,34461A-SIM,0,1.0.0')
    expect(idn.code).toBe(0)
    const bad = await runDvt(['query', 'chamber', 'SETP 900'], { env: serve().env })
    expect(bad.stderr).toMatch(/error -222: Data out of range/)
    expect(bad.code).toBe(1)
  })

  it('refuses a second server on the same port with a sentence naming the port and the config key', async () => {
    const second = await runDvt(['serve', '--no-dashboard'], {
      env: {
        ...serve().env,
        DVT__INSTRUMENTS__SIMULATOR__CONTROL_PORT: '0',
        DVT__INSTRUMENTS__SIMULATOR__TELEMETRY_PORT: '0',
      },
      cwd: serve().dir,
    })
    expect(second.code).not.toBe(0)
    expect(second.stderr).toMatch(/port \d+ is already in use.*instruments\.simulator\.\w+_port/)
    expect(second.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('dvt serve start-up and shutdown', () => {
  it('exits 0 on Ctrl-C and releases its ports', async () => {
    const serve = await startServe({ speed: 'max' })
    const code = await serve.stop()
    expect(code).toBe(0)
    // Released: each port can be bound again at once (asking a client instead would leave time for a parallel
    // test's server to be given the port).
    for (const port of Object.values(serve.ports)) {
      const probe = createServer()
      await new Promise<void>((bound, failed) => {
        probe.once('error', failed)
        probe.listen(port, '127.0.0.1', bound)
      })
      await new Promise<void>((closed) => probe.close(() => closed()))
    }
  })

  it('warns when binding beyond loopback', async () => {
    const serve = await startServe({ speed: 'max', env: { DVT__INSTRUMENTS__SIMULATOR__HOST: '0.0.0.0' } })
    try {
      expect(serve.stderr()).toMatch(/^warning: listening on 0\.0\.0\.0: anyone who can reach this machine/m)
      expect(serve.stdout()).toMatch(/virtual bench on 0\.0\.0\.0/)
    } finally {
      await serve.stop()
    }
  })

  it('a bad config value ends in one sentence and exit 1', async () => {
    const r = await runDvt(['serve', '--no-dashboard'], {
      env: { ...process.env, DVT__PHYSICS__UPDATE_RATE_HZ: 'banana' },
    })
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe(
      'dvt: config: physics.update_rate_hz must be a number, got "banana" (from DVT__PHYSICS__UPDATE_RATE_HZ)',
    )
  })

  it('prints its version and help', async () => {
    const v = await runDvt(['--version'])
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    const h = await runDvt(['--help'])
    for (const command of ['serve', 'run-test', 'list-tests', 'list-runs', 'show-run', 'export-report', 'query']) {
      expect(h.stdout).toContain(command)
    }
  })
})

describe('dvt serve with the dashboard', () => {
  it('attaches the dashboard to the ports the bench actually bound (port 0 = any free port)', async () => {
    const serve = await startServe({ speed: 'max', dashboard: true })
    try {
      expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(await dashboardConnects(serve.url!)).toBe(true)
      const reply = await postJson(`${serve.url}/api/scpi`, { instrument: 'dmm', command: '*IDN?' })
      expect(((await reply.json()) as { reply: string }).reply).toBe('Keysight Technologies,34461A-SIM,0,1.0.0')
    } finally {
      expect(await serve.stop()).toBe(0)
    }
  })
})

describe('dvt run-test --speed', () => {
  it('runs at the asked speed and gives the shared bench back at the speed it had', async () => {
    const serve = await startServe({ speed: '500' })
    try {
      const before = await runDvt(['query', 'sim', 'SIM:SPE?'], { env: serve.env })
      const run = await runDvt(['run-test', 'tempco', '--speed', 'max', '--json'], { env: serve.env, cwd: serve.dir })
      expect(run.code, run.stderr).toBe(0)
      expect(JSON.parse(run.stdout).status).toBe('passed')
      const after = await runDvt(['query', 'sim', 'SIM:SPE?'], { env: serve.env })
      expect(after.stdout).toBe(before.stdout)
      expect(Number(after.stdout.trim())).toBe(500)
    } finally {
      await serve.stop()
    }
  })

  it('rejects a bad speed in one sentence before touching the bench', async () => {
    const r = await runDvt(['run-test', 'tempco', '--speed', 'fast'])
    expect(r.code).toBe(1)
    expect(r.stderr.trim()).toBe('dvt: --speed must be a positive number or "max", got "fast"')
  })
})

describe('logging.file', () => {
  it('keeps the server start and stop and each run timeline, at the configured level', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvt-e2e-log-'))
    const file = join(dir, 'logs', 'dvt.log')
    const env = { DVT__LOGGING__FILE: file, DVT__LOGGING__LEVEL: 'info' }
    const serve = await startServe({ speed: 'max', env })
    try {
      const run = await runDvt(['run-test', 'tempco', '--json'], { env: serve.env, cwd: serve.dir })
      const { id } = JSON.parse(run.stdout) as { id: string }
      await serve.stop()
      const lines = readFileSync(file, 'utf8').trim().split('\n')
      const text = lines.join('\n')
      expect(text).toMatch(/^\S+Z info {2}serve: bench on 127\.0\.0\.1 at speed max: control \d+, chamber \d+/m)
      expect(text).toContain(`run-test: run ${id.slice(0, 8)} tempco started`)
      expect(text).toMatch(
        new RegExp(`run-test: run ${id.slice(0, 8)} result tempco_ppm_per_c = 50\\.\\d+ ppm/°C \\(pass\\)`),
      )
      expect(text).toContain(`run-test: run ${id.slice(0, 8)} passed`)
      expect(text).toMatch(/serve: stopped$/m)
      expect(text).not.toMatch(/ debug /)
    } finally {
      await serve.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
