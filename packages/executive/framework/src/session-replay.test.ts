import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DvtConfig } from '@dvt/config'
import { readSessionFile, type Session, startReplayServer } from '@dvt/sessions'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { replayConfig } from './replay-config'
import { openRunSession } from './run-session'
import type { RunState } from './run-state'
import { startVirtualBench } from './testing/virtual-bench-host'

// A tempco recorded on the real virtual bench over TCP, then replayed from its session file alone: the bench is
// stopped before any replay starts, so no physics and no simulator answer.

let dir: string
let config: DvtConfig
let recorded: RunState
let session: Session

const quick = { points_c: [-40, 25, 85] }

/** One run as the CLI does it: probe, set the speed, run, close. */
async function runTempco(
  at: DvtConfig,
  params: Record<string, unknown>,
): Promise<{ state: RunState; rows: unknown[] }> {
  const run = await openRunSession(at, { probeEachRun: false })
  try {
    await run.probe()
    await run.useSpeed('max')
    const state = await run.runner.run('tempco', params)
    // Everything of a reading but its wall-clock timestamp.
    const rows = (await run.storage!.readMeasurements(state.id)).map(({ timestamp: _, ...row }) => row)
    return { state, rows }
  } finally {
    await run.close()
  }
}

async function replay(mode: 'strict' | 'lenient', params: Record<string, unknown>) {
  const server = await startReplayServer({ session, mode })
  try {
    const { state, rows } = await runTempco(replayConfig(config, server), params)
    return { state, rows, divergence: server.engine.divergence, unserved: server.engine.unserved() }
  } finally {
    await server.close()
  }
}

const values = (state: RunState) => state.results.map((r) => [r.parameter, r.value, r.passed])

let original: unknown[]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dvt-replay-'))
  const bench = await startVirtualBench()
  config = {
    ...bench.config,
    data: { ...bench.config.data, database_path: join(dir, 'dvt.db'), measurements_dir: join(dir, 'measurements') },
  }
  try {
    const first = await runTempco(config, quick)
    recorded = first.state
    original = first.rows
  } finally {
    await bench.close()
  }
  session = await readSessionFile(config.data.measurements_dir, recorded.id)
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('a tempco recorded on the virtual bench', () => {
  it('records every exchange of the run, with the test clock and the identities', () => {
    expect(recorded.status).toBe('passed')
    expect(session.header).toMatchObject({ run_id: recorded.id, test: 'tempco', backend: 'simulator' })
    expect(session.header.instruments.map((i) => i.role).sort()).toEqual([
      'chamber',
      'control',
      'dmm',
      'load',
      // The switch/measure unit is on every simulated bench; a run on socket 1 only asks its identity (provenance).
      'mux',
      'supply',
    ])
    expect(session.exchanges.filter((e) => e.role === 'mux').map((e) => e.sent)).toEqual(['*IDN?;:SYST:ERR?'])
    expect(session.header.instruments.find((i) => i.role === 'dmm')?.identity).toMatch(/34461A/)
    const reads = session.exchanges.filter((e) => e.role === 'dmm' && e.sent.startsWith('READ?'))
    // One READ? per recorded point, and more while the drift check waits for the DUT to settle.
    expect(reads.length).toBeGreaterThan(recorded.counts.measurements / 11)
    expect(reads.every((e) => e.received?.endsWith(';+0,"No error"') && e.sim_s !== null)).toBe(true)
    // The run starts with its provenance snapshot (every identity first), then the test clock syncs before any reading.
    expect(session.exchanges[0]).toMatchObject({ seq: 0, role: 'chamber', sent: '*IDN?;:SYST:ERR?' })
    const firstSync = session.exchanges.findIndex((e) => e.role === 'control' && e.sent === 'SIM:TIME?;:SYST:ERR?')
    expect(firstSync).toBeGreaterThan(0)
    expect(firstSync).toBeLessThan(session.exchanges.indexOf(reads[0]!))
    expect(session.end).toMatchObject({ status: 'passed', exchanges: session.exchanges.length })
  })

  it('replayed strictly with the bench stopped: the same results and readings, every exchange served', async () => {
    const again = await replay('strict', quick)
    expect(again.divergence).toBeNull()
    expect(again.unserved).toBeNull()
    expect(again.state.status).toBe('passed')
    expect(values(again.state)).toEqual(values(recorded))
    expect(again.rows).toEqual(original)
  })

  it('stops a strict replay at the first edited command, naming it', async () => {
    const edited = await replay('strict', { ...quick, nplc: 1 })
    expect(edited.state.status).toBe('error')
    expect(edited.divergence).toMatchObject({ role: 'dmm', reason: 'command' })
    expect(edited.divergence?.expected).toContain('NPLC 10')
    expect(edited.divergence?.got).toContain('NPLC 1;')
  })

  it('stops a strict replay when the test waits a different simulated time', async () => {
    const edited = await replay('strict', { ...quick, dwell_s: 120 })
    expect(edited.state.status).toBe('error')
    expect(edited.divergence).toMatchObject({ reason: 'wait' })
    expect(edited.divergence?.waited?.got).not.toBe(edited.divergence?.waited?.expected)
  })

  it('finishes a lenient replay of the edited test from the nearest exchanges', async () => {
    const edited = await replay('lenient', { ...quick, nplc: 1 })
    expect(edited.divergence).toBeNull()
    expect(edited.state.status).toBe('passed')
    expect(values(edited.state)).toEqual(values(recorded))
  })
})
