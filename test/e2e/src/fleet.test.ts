import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { configSchema, type DvtConfig } from '@dvt/config'
import { type RunningDashboard, startDashboard } from '@dvt/dashboard'
import { openRunSession } from '@dvt/framework'
import { benchPorts } from '@dvt/protocol'
import { type SimServer, startSimServer } from '@dvt/sim-server'
import { freePortBase, until } from '@dvt/transports/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { postJson } from './support/dashboard-http'

// One dashboard, a fleet of three benches (dashboard.benches): two real simulation servers at their own port bases
// and one that is down. A run started elsewhere — another store on the same SQLite file, as a terminal's
// `dvt run-test` has — shows on the dashboard through the store's run-event feed, named by its station.

const TEMPCOS = { 'bench-a': 20, 'bench-b': 80 } as const
type Up = keyof typeof TEMPCOS

/** The keys of a `station-run` message's run that these tests read. */
interface StationRunShape {
  id: string
  station: string
  status: string
  progress: { point: number | null } | null
}

interface Message {
  type: string
  bench?: string
  [key: string]: unknown
}

let dir: string
const bases: Partial<Record<Up, number>> = {}
const sims: Partial<Record<Up, SimServer>> = {}
let dashboard: RunningDashboard
let ws: WebSocket
const messages: Message[] = []

/** The configuration of one bench's `dvt serve` or of a `dvt run-test` on its station: its data shared with all. */
function stationConfig(station: string, extra: Record<string, Record<string, unknown>> = {}): DvtConfig {
  return configSchema.parse({
    ...extra,
    station: { name: station },
    data: { database_path: join(dir, 'dvt.db'), measurements_dir: join(dir, 'measurements') },
  })
}

async function benches() {
  const response = await fetch(`${dashboard.url}/api/benches`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { benches: Array<Record<string, unknown>> }).benches
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-fleet-'))
  for (const name of Object.keys(TEMPCOS) as Up[]) {
    bases[name] = await freePortBase(Object.values(bases))
    const config = stationConfig(name, {
      dut: { parameters: { tempco_ppm_per_c: TEMPCOS[name] } },
      simulation: { telemetry_hz: 10 },
    })
    sims[name] = await startSimServer({ config, ports: benchPorts(bases[name]), speed: 'max' })
  }
  // Ports 1 … 10 are privileged: no test binds them, so "bench-down" refuses every connection.
  const fleet = [
    { name: 'bench-a', port_base: bases['bench-a'] },
    { name: 'bench-b', port_base: bases['bench-b'] },
    { name: 'bench-down', port_base: 1 },
  ]
  dashboard = await startDashboard({ config: stationConfig('bench-a', { dashboard: { benches: fleet } }), port: 0 })
  ws = new WebSocket(`${dashboard.url.replace('http', 'ws')}/api/ws`, { headers: { origin: dashboard.url } })
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Message))
}, 60_000)

afterAll(async () => {
  ws?.close()
  await dashboard?.close()
  for (const sim of Object.values(sims)) await sim.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('the fleet dashboard', () => {
  it('greets a browser with the benches in order, then each one’s state and telemetry by name', async () => {
    await until(() => messages.some((m) => m.type === 'telemetry' && m.bench === 'bench-b'), 20_000)
    expect(messages[0]).toMatchObject({
      type: 'benches',
      benches: [
        { name: 'bench-a', ports: benchPorts(bases['bench-a']) },
        { name: 'bench-b', ports: benchPorts(bases['bench-b']) },
        { name: 'bench-down', host: '127.0.0.1', ports: benchPorts(1) },
      ],
    })
    expect(messages.find((m) => m.type === 'sim' && m.bench === 'bench-down')).toMatchObject({ connected: false })
    await until(() => messages.some((m) => m.type === 'telemetry' && m.bench === 'bench-a'), 20_000)
  })

  it('lists every bench over HTTP: connected with its snapshot, or disconnected', async () => {
    await until(() => messages.some((m) => m.type === 'sim' && m.bench === 'bench-a' && m.connected === true))
    const [a, b, down] = await benches()
    expect(a).toMatchObject({ name: 'bench-a', connected: true, telemetry: { setpoint_c: 25 } })
    expect(b).toMatchObject({ name: 'bench-b', connected: true })
    expect(down).toMatchObject({ name: 'bench-down', connected: false, telemetry: null, run: null })
  })

  it('sends control and SCPI to the bench named, one sentence for one that is down or unknown', async () => {
    const scpi = async (bench: string, command: string) => {
      const response = await postJson(`${dashboard.url}/api/scpi?bench=${bench}`, { instrument: 'sim', command })
      return { status: response.status, body: (await response.json()) as { reply?: string; error?: string } }
    }
    for (const name of Object.keys(TEMPCOS) as Up[]) {
      const { status, body } = await scpi(name, 'SIM:DUT:PAR? TEMPCO_PPM_PER_C')
      expect(status).toBe(200)
      expect(Number(body.reply)).toBe(TEMPCOS[name])
    }
    const down = await scpi('bench-down', '*IDN?')
    expect(down.status).toBe(502)
    expect(down.body.error).toMatch(/^the simulation control did not respond: cannot reach .* at 127\.0\.0\.1:1\b/)
    const unknown = await scpi('bench-z', '*IDN?')
    expect(unknown).toEqual({
      status: 404,
      body: {
        error:
          'there is no bench "bench-z" — this dashboard follows "bench-a", "bench-b", "bench-down" (dashboard.benches)',
      },
    })
    const control = await postJson(`${dashboard.url}/api/control?bench=bench-b`, { setpoint_c: 40 })
    expect(control.status).toBe(200)
    await until(() =>
      messages.some(
        (m) => m.type === 'telemetry' && m.bench === 'bench-b' && (m.data as { setpoint_c: number }).setpoint_c === 40,
      ),
    )
    const [a, b] = await benches()
    expect((a!.telemetry as { setpoint_c: number }).setpoint_c).toBe(25)
    expect((b!.telemetry as { setpoint_c: number }).setpoint_c).toBe(40)
  })

  it("shows a run started elsewhere on its station's bench, its progress moving, and filters the runs by station", async () => {
    // A terminal on station bench-b: its own store on the lab's database, its own instruments.
    const config = stationConfig('bench-b', { instruments: { simulator: { port_base: bases['bench-b'] } } })
    const session = await openRunSession(config)
    let runId: string
    try {
      const state = await session.runner.run('tempco', { points_c: [0, 25, 50] }, {})
      expect(state.status).toBe('passed')
      runId = state.id
    } finally {
      await session.close()
    }
    const runMessages = () => messages.filter((m) => m.type === 'station-run').map((m) => m.run as StationRunShape)
    await until(() => runMessages().some((run) => run.id === runId && run.status === 'passed'))
    const seen = runMessages().filter((run) => run.id === runId)
    expect(seen.every((run) => run.station === 'bench-b')).toBe(true)
    const points = new Set(seen.map((run) => run.progress?.point).filter((point) => point != null))
    expect(points.size).toBeGreaterThanOrEqual(2)
    const [a, b] = await benches()
    expect(a!.run).toBeNull()
    expect(b!.run).toMatchObject({
      id: runId,
      test: 'tempco',
      station: 'bench-b',
      status: 'passed',
      stepsTotal: expect.any(Number),
    })
    const byStation = async (station: string) =>
      ((await (await fetch(`${dashboard.url}/api/runs?station=${station}`)).json()) as { runs: { id: string }[] }).runs
    expect((await byStation('bench-b')).map((r) => r.id)).toEqual([runId])
    expect(await byStation('bench-a')).toEqual([])
  }, 60_000)

  it('runs tests from the dashboard on any bench of the fleet, one at a time on each, both at once', async () => {
    type StoredRun = { status: string; station: string; provenance: { simulator: { dut: Record<string, number> } } }
    const stored = async (id: string) =>
      ((await (await fetch(`${dashboard.url}/api/runs/${id}`)).json()) as { run: StoredRun }).run
    const ended = async (id: string) => {
      for (let tries = 0; tries < 300; tries++) {
        const run = await stored(id)
        if (run.status !== 'pending' && run.status !== 'running') return run
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`run ${id} did not end`)
    }
    const start = (bench: string) =>
      postJson(`${dashboard.url}/api/runs`, { test: 'tempco', parameters: { points_c: [0, 25, 50] }, bench })
    const [onA, onB] = await Promise.all([start('bench-a'), start('bench-b')])
    expect([onA.status, onB.status]).toEqual([202, 202])
    const ids: Record<Up, string> = {
      'bench-a': ((await onA.json()) as { id: string }).id,
      'bench-b': ((await onB.json()) as { id: string }).id,
    }
    // A bench is busy while its run lasts (unless that run has already finished: then this one runs too).
    const again = await start('bench-b')
    const extra: string[] = []
    if (again.status === 409) {
      expect(((await again.json()) as { error: string }).error).toMatch(
        /^bench bench-b is busy: run [0-9a-f]{8} \(tempco\)/,
      )
    } else {
      expect(again.status).toBe(202)
      extra.push(((await again.json()) as { id: string }).id)
    }
    for (const bench of Object.keys(ids) as Up[]) {
      // Each run is stored with its bench's station and measured its bench's part.
      const run = await ended(ids[bench])
      expect(run).toMatchObject({ status: 'passed', station: bench })
      expect(run.provenance.simulator.dut.TEMPCO_PPM_PER_C).toBe(TEMPCOS[bench])
    }
    for (const id of extra) await ended(id)
    const unknown = await start('bench-x')
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { error: string }).error).toBe(
      'there is no bench "bench-x" in this dashboard\'s fleet — the benches are bench-a, bench-b, bench-down',
    )
  }, 60_000)

  it('runs a campaign from the dashboard on a bench of the fleet: stored as its station, its parts measured', async () => {
    const yaml = [
      'name: fleet campaign',
      'lot: { name: FL, size: 2 }',
      'sockets: 1',
      'temperatures_c: [25]',
      'steps:',
      '  - test: output_voltage',
      '',
    ].join('\n')
    const started = await postJson(`${dashboard.url}/api/campaigns`, { yaml, bench: 'bench-b' })
    expect(started.status).toBe(202)
    const { id } = (await started.json()) as { id: string }
    type Summary = {
      campaign: { status: string; station: string }
      duts: { serial: string; truth: Record<string, number> | null }[]
    }
    let summary: Summary | null = null
    for (let tries = 0; tries < 600; tries++) {
      summary = (await (await fetch(`${dashboard.url}/api/campaigns/${id}`)).json()) as Summary
      if (!['pending', 'running'].includes(summary.campaign.status)) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(summary!.campaign).toMatchObject({ status: 'passed', station: 'bench-b' })
    // bench-b's parts: the lot is drawn around that bench's DUT (80 ppm/°C), not the dashboard's own.
    expect(summary!.duts.map((d) => [d.serial, d.truth?.tempco_ppm_per_c])).toEqual([
      ['FL-001', TEMPCOS['bench-b']],
      ['FL-002', TEMPCOS['bench-b']],
    ])
    const unknown = await postJson(`${dashboard.url}/api/campaigns`, { yaml, bench: 'bench-x' })
    expect(unknown.status).toBe(400)
  }, 120_000)

  it('keeps serving when a bench goes down: that one disconnected, the others as they were', async () => {
    await sims['bench-b']!.close()
    await until(() => messages.some((m) => m.type === 'sim' && m.bench === 'bench-b' && m.connected === false))
    const [a, b, down] = await benches()
    expect([a!.connected, b!.connected, down!.connected]).toEqual([true, false, false])
    expect((await fetch(`${dashboard.url}/api/status?bench=bench-a`)).status).toBe(200)
  })
})
