import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { benchPorts } from '@dvt/protocol'
import { openStorageBackend } from '@dvt/storage'
import { freePortBase } from '@dvt/transports/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDvt, type ServeHandle, startServe } from './support/dvt-process'

// Two benches on one host, each `dvt serve --station … --port-base …`, and a `dvt run-test --port-base …` against
// each: the ports follow the base, and every run's station and provenance name the bench it ran on.

/** The two benches' parts differ, so a run's provenance (the DUT truth its bench reported) says which bench it used. */
const BENCHES = [
  { station: 'bench-a', tempco: 20 },
  { station: 'bench-b', tempco: 80 },
]

let root: string
const bases: number[] = []
const serves: ServeHandle[] = []

/** A client's environment: no port of the bench in it (the flag gives them), one shared SQLite file. */
function clientEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', DVT__DATA__DATABASE_PATH: join(root, 'dvt.db') }
  for (const key of Object.keys(env)) {
    if (key.startsWith('DVT__INSTRUMENTS__') || key.startsWith('DVT__STATION__')) delete env[key]
  }
  env.DVT__DATA__MEASUREMENTS_DIR = join(root, 'measurements')
  return env
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dvt-port-base-'))
  for (const { station, tempco } of BENCHES) {
    const base = await freePortBase(bases)
    bases.push(base)
    serves.push(
      await startServe({
        portBase: base,
        args: ['--station', station],
        env: { DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: String(tempco) },
      }),
    )
  }
}, 60_000)

afterAll(async () => {
  for (const serve of serves) await serve.stop()
  if (root) rmSync(root, { recursive: true, force: true })
})

describe('several benches on one host by --port-base', () => {
  it('dvt serve --port-base N listens at N + each offset and names its station', () => {
    for (const [i, serve] of serves.entries()) {
      expect(serve.ports).toEqual(benchPorts(bases[i]))
      expect(serve.stdout()).toMatch(new RegExp(`^Station: ${BENCHES[i]!.station}$`, 'm'))
    }
  })

  it('dvt query --port-base N asks that bench', async () => {
    for (const [i, base] of bases.entries()) {
      const reply = await runDvt(['query', 'sim', 'SIM:DUT:PAR? TEMPCO_PPM_PER_C', '--port-base', String(base)], {
        env: clientEnv(),
        cwd: root,
      })
      expect(reply.code, reply.stderr).toBe(0)
      expect(Number(reply.stdout)).toBe(BENCHES[i]!.tempco)
    }
  })

  it('a dvt run-test --port-base N --station S against each: the run is stored with its station and provenance', async () => {
    const outcomes = await Promise.all(
      BENCHES.map(({ station }, i) =>
        runDvt(['run-test', 'tempco', '--json', '--port-base', String(bases[i]), '--station', station], {
          env: clientEnv(),
          cwd: root,
          timeoutMs: 120_000,
        }),
      ),
    )
    const store = await openStorageBackend({
      databasePath: join(root, 'dvt.db'),
      measurementsDir: join(root, 'measurements'),
    })
    try {
      for (const [i, outcome] of outcomes.entries()) {
        expect(outcome.code, outcome.stderr).toBe(0)
        const { id } = JSON.parse(outcome.stdout) as { id: string }
        const run = await store.getRun(id)
        const { station, tempco } = BENCHES[i]!
        expect(run).toMatchObject({ status: 'passed', station })
        expect(run!.provenance).toMatchObject({ station, simulator: { dut: { TEMPCO_PPM_PER_C: tempco } } })
        expect(JSON.parse(run!.provenance!.configJson!)).toMatchObject({
          station: { name: station },
          instruments: { simulator: { port_base: bases[i], control_port: null } },
        })
        expect((await store.listRuns({ station })).runs.map((r) => r.id)).toEqual([id])
      }
    } finally {
      await store.close()
    }
  }, 150_000)

  it('without --station, a run and a campaign are stored with the station their bench names in *IDN?', async () => {
    const plan = join(root, 'one-point.yaml')
    writeFileSync(
      plan,
      'name: station check\nlot: { name: ST, size: 1 }\nsockets: 1\ntemperatures_c: [25]\nsteps:\n  - test: output_voltage\n',
    )
    const base = String(bases[1])
    const [run, campaign] = await Promise.all([
      runDvt(['run-test', 'tempco', '--json', '--port-base', base], {
        env: clientEnv(),
        cwd: root,
        timeoutMs: 120_000,
      }),
      runDvt(['run-plan', plan, '--json', '--speed', 'max', '--port-base', String(bases[0])], {
        env: clientEnv(),
        cwd: root,
        timeoutMs: 120_000,
      }),
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(campaign.code, campaign.stderr).toBe(0)
    const store = await openStorageBackend({
      databasePath: join(root, 'dvt.db'),
      measurementsDir: join(root, 'measurements'),
    })
    try {
      const stored = await store.getRun((JSON.parse(run.stdout) as { id: string }).id)
      expect(stored).toMatchObject({ station: 'bench-b', provenance: { station: 'bench-b' } })
      const { id } = JSON.parse(campaign.stdout.trim().split('\n').at(-1)!) as { id: string }
      expect(await store.getCampaign(id)).toMatchObject({ station: 'bench-a' })
      // The campaign's runs are the bench's too.
      const { runs } = await store.listRuns({ station: 'bench-a' })
      expect(runs.filter((r) => r.campaignId === id).length).toBeGreaterThan(0)
    } finally {
      await store.close()
    }
  }, 150_000)

  it('a bad --port-base is one sentence and exit 1, nothing run', async () => {
    const bad = await runDvt(['run-test', 'tempco', '--port-base', '70000'], { env: clientEnv(), cwd: root })
    expect(bad.code).toBe(1)
    expect(bad.stderr.trim()).toBe('dvt: --port-base takes a port from 1 to 65526 (0: any free ports), got "70000"')
  })
})
