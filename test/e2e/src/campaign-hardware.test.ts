import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openStorageBackend } from '@dvt/storage'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DVT_BIN, type ServeHandle, startServe } from './support/dvt-process'

// A campaign on real hardware: the bench's instruments as VISA resources (a `dvt serve` at 100× real time standing in
// for them, its simulation control not configured), so nobody can swap the boards but the operator. `dvt run-plan`
// asks on the terminal for each board — a real pseudo-terminal here, from util-linux `script`.

let serve: ServeHandle
let config: string
let plan: string

beforeAll(async () => {
  serve = await startServe({ speed: '100' })
  const visa = (port: number) => `TCPIP::127.0.0.1::${port}::SOCKET`
  config = join(serve.dir, 'hardware.yaml')
  writeFileSync(
    config,
    [
      'instruments:',
      '  backend: visa',
      '  timeout_ms: 5000',
      '  visa:',
      `    chamber: ${visa(serve.ports.chamber)}`,
      `    supply: ${visa(serve.ports.supply)}`,
      `    dmm: ${visa(serve.ports.dmm)}`,
      `    load: ${visa(serve.ports.load)}`,
      'station: { name: hw-bench }',
      'data:',
      `  database_path: ${join(serve.dir, 'hw.db')}`,
      `  measurements_dir: ${join(serve.dir, 'hw-measurements')}`,
      '',
    ].join('\n'),
  )
  plan = join(serve.dir, 'two-boards.yaml')
  writeFileSync(
    plan,
    [
      'name: two boards by hand',
      'lot: { name: HW, size: 2 }',
      'sockets: 1',
      'temperatures_c: [25]',
      'soak: { soak_s: 1, dwell_s: 0, poll_s: 0.5, board_soak_s: 0 }',
      'steps:',
      '  - test: output_voltage',
      '    parameters: { settle_interval_s: 0.5 }  # the wall clock: a short wait between the compared readings',
      '',
    ].join('\n'),
  )
}, 60_000)

afterAll(async () => {
  await serve?.stop()
})

interface Terminal {
  child: ChildProcess
  /** Everything the terminal showed so far. */
  screen(): string
  /** Resolves once the screen has shown `text` `count` times. */
  waitFor(text: string, count?: number): Promise<void>
  exited: Promise<number | null>
}

/** `dvt <args>` on a pseudo-terminal: what it shows, and keys typed into it. */
function onTerminal(args: string[]): Terminal {
  const env: NodeJS.ProcessEnv = { ...serve.env, NO_COLOR: '1' }
  for (const key of Object.keys(env)) if (key.startsWith('DVT__INSTRUMENTS__')) delete env[key]
  const command = [process.execPath, DVT_BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: serve.dir, env, stdio: 'pipe' })
  let shown = ''
  const waiters: { text: string; count: number; done: () => void }[] = []
  const check = () => {
    for (const w of waiters.splice(0)) {
      if (shown.split(w.text).length - 1 >= w.count) w.done()
      else waiters.push(w)
    }
  }
  child.stdout!.on('data', (d: Buffer) => {
    shown += d.toString()
    check()
  })
  child.stderr!.on('data', (d: Buffer) => {
    shown += d.toString()
  })
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)))
  return {
    child,
    screen: () => shown,
    waitFor: (text, count = 1) =>
      new Promise<void>((done, fail) => {
        waiters.push({ text, count, done })
        check()
        exited.then(() => fail(new Error(`dvt exited before showing "${text}" ×${count}:\n${shown}`)))
      }),
    exited,
  }
}

const PROMPT = 'then press Enter'

describe('dvt run-plan on real hardware: the operator loads the boards', () => {
  it('asks for each board by its serials, measures it after Enter, and stores no simulator truth', async () => {
    const t = onTerminal(['run-plan', plan, '--config', config, '--json'])
    await t.waitFor(PROMPT)
    expect(t.screen()).toContain('load board 1: HW-001 into socket 1, then press Enter')
    t.child.stdin!.write('\r')
    await t.waitFor(PROMPT, 2)
    expect(t.screen()).toContain('load board 2: HW-002 into socket 1, then press Enter')
    t.child.stdin!.write('\r')
    expect(await t.exited, t.screen()).toBe(0)
    const last = t
      .screen()
      .trim()
      .split(/\r?\n/)
      .filter((l) => l.startsWith('{'))
      .at(-1)!
    const campaign = JSON.parse(last) as {
      status: string
      duts: { serial: string; verdict: string; truth?: unknown; results: { parameter: string }[] }[]
    }
    expect(campaign.status).toBe('passed')
    expect(campaign.duts.map((d) => [d.serial, d.verdict])).toEqual([
      ['HW-001', 'pass'],
      ['HW-002', 'pass'],
    ])
    for (const dut of campaign.duts) {
      expect(dut.truth).toBeUndefined()
      expect(dut.results.map((r) => r.parameter)).toContain('vout_v')
    }
  }, 120_000)

  it('Ctrl-C at the question aborts the campaign, resumable, and nothing is measured', async () => {
    const t = onTerminal(['run-plan', plan, '--config', config, '--json'])
    await t.waitFor(PROMPT)
    t.child.stdin!.write('\x03')
    expect(await t.exited, t.screen()).toBe(130)
    expect(t.screen()).toContain('Ctrl-C: aborting')
    const store = await openStorageBackend({
      databasePath: join(serve.dir, 'hw.db'),
      measurementsDir: join(serve.dir, 'hw-measurements'),
    })
    try {
      const [latest] = (await store.listCampaigns({ limit: 1 })).campaigns
      expect(latest).toMatchObject({ status: 'aborted', station: 'hw-bench', progress: { pointsDone: 0 } })
      expect(latest!.statusReason).toMatch(/^aborted by Ctrl-C — "dvt run-plan --resume [0-9a-f]{8}" continues it$/)
    } finally {
      await store.close()
    }
  }, 120_000)
})
