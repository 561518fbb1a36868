import type { SqliteStorage } from '@dvt/storage'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { boardWiring } from '../board'
import { defaultRegistry } from '../default-registry'
import type { RunState } from '../run-state'
import type { Runner } from '../runner'
import { recordRunLines } from '../testing/library-lines'
import { createTestRunner } from '../testing/test-runner'
import { startVirtualBench, type VirtualBenchHost } from '../testing/virtual-bench-host'

// Board-wide runs: every library test measures several sockets of a board of eight in one run, sharing every wait.

let host: VirtualBenchHost
let temp: TempStorage
let storage: SqliteStorage
let runner: Runner

beforeEach(async () => {
  host = await startVirtualBench({ DVT__BENCH__SOCKETS: '8' })
  temp = createTempStorage()
  storage = temp.storage
  runner = createTestRunner({
    instruments: host.instruments,
    board: boardWiring(host.config),
    storage,
    registry: defaultRegistry,
    station: 'library-board-test',
    config: host.config,
  })
})

afterEach(async () => {
  await host.close()
  await temp.cleanup()
})

const BOARD = [1, 2, 3, 4, 5, 6, 7, 8]
const control = () => host.instruments.control!
/** The value of `name` for each socket, in socket order. */
const bySocket = (state: RunState, name: string) =>
  state.results
    .filter((r) => r.parameter === name)
    .sort((a, b) => a.socket! - b.socket!)
    .map((r) => [r.socket, r.value] as const)

/** Runs a test and returns its state with the simulated seconds it covered (the simulator's own clock). */
async function timedRun(test: string, params: Record<string, unknown>) {
  const start = await control().time()
  const state = await runner.run(test, params)
  return { state, simulatedS: (await control().time()) - start }
}

describe('load_regulation over a board of eight', () => {
  it('measures each socket’s own part in one run, results and readings named by socket', async () => {
    for (const n of BOARD) await control().setSocketParameter(n, 'LOAD_REGULATION_OHM', 0.01 * (n + 1))
    const state = await runner.run('load_regulation', { sockets: BOARD })
    expect(state.status).toBe('passed')
    const measured = bySocket(state, 'load_regulation_mohm')
    expect(measured.map(([socket]) => socket)).toEqual(BOARD)
    // Each socket's measured value is its truth (10 (n + 1) mΩ) less the same self-heating offset.
    const offsets = measured.map(([socket, value]) => value - 10 * (socket! + 1))
    for (const offset of offsets) {
      expect(offset).toBeLessThan(0)
      expect(offset).toBeGreaterThan(-10)
      expect(Math.abs(offset - offsets[0]!)).toBeLessThan(0.5)
    }
    const stored = await storage.getResults(state.id)
    expect(stored).toHaveLength(3 * 8)
    expect(new Set(stored.map((r) => r.socket))).toEqual(new Set(BOARD))
    expect((await storage.getRun(state.id))?.dutSerial).toBeNull()
    // Six load points: each socket's ten readings and their average, recorded under its own name.
    const rows = await storage.readMeasurements(state.id)
    for (const n of BOARD) {
      expect(rows.filter((row) => row.parameter === `vout_s${n}`)).toHaveLength(60)
      expect(rows.filter((row) => row.parameter === `vout_avg_s${n}`)).toHaveLength(6)
    }
    expect(rows.some((row) => row.parameter === 'vout')).toBe(false)
  })

  it('shares every wait: eight sockets cover less than twice the simulated time of one', async () => {
    // Both runs start with the chamber stable at 25 °C.
    await runner.run('load_regulation', {})
    const one = await timedRun('load_regulation', {})
    const eight = await timedRun('load_regulation', { sockets: BOARD })
    expect(one.state.status).toBe('passed')
    expect(eight.state.status).toBe('passed')
    expect(eight.simulatedS).toBeGreaterThan(one.simulatedS)
    expect(eight.simulatedS).toBeLessThan(2 * one.simulatedS)
  })

  it('reads the V_outs on the switch/measure unit in one scan per point, socket 1 on the multimeter', async () => {
    const lines = await recordRunLines(
      'load_regulation',
      { loads_a: [0, 0.2], sockets: BOARD },
      { env: { DVT__BENCH__SOCKETS: '8' }, runner: (config) => ({ board: boardWiring(config) }) },
    )
    const mux = lines.filter((line) => line.startsWith('mux ') && !line.startsWith('mux *'))
    expect(mux).toEqual([
      'mux CONF:VOLT:DC 10,(@102:108);:VOLT:DC:NPLC 10,(@102:108);:ROUT:SCAN (@102:108);:SYST:ERR?',
      `mux ${'READ?;'.repeat(10)}:SYST:ERR?`,
      `mux ${'READ?;'.repeat(10)}:SYST:ERR?`,
    ])
    expect(lines.filter((line) => line === 'dmm READ?;:SYST:ERR?')).toHaveLength(2)
    // Every socket is loaded before the one wait of the point (channel 1 as on the one-DUT bench).
    const loaded = lines.indexOf('load CURR 0.2;:INP ON;:SYST:ERR?')
    expect(loaded).toBeGreaterThan(0)
    const others = BOARD.slice(1).map((n) => `load CURR 0.2,(@${n});:INP ON,(@${n});:SYST:ERR?`)
    expect(lines.slice(loaded + 1, loaded + 8)).toEqual(others)
    expect(lines[loaded + 8]).toMatch(/^control SIM:WAIT /)
  })
})

describe('the other tests over a board', () => {
  it('tempco measures each socket’s tempco within ±1 ppm/°C, logging each part', async () => {
    const truths = new Map([
      [2, 20],
      [5, 80],
      [7, 120],
    ])
    for (const [n, tc] of truths) await control().setSocketParameter(n, 'TEMPCO_PPM_PER_C', tc)
    const state = await runner.run('tempco', {
      sockets: [...truths.keys()],
      points_c: [0, 25, 50],
      limit_ppm_per_c: 200,
    })
    expect(state.status).toBe('passed')
    const measured = bySocket(state, 'tempco_ppm_per_c')
    expect(measured.map(([socket]) => socket)).toEqual([2, 5, 7])
    for (const [socket, value] of measured) expect(Math.abs(value - truths.get(socket!)!)).toBeLessThan(1)
    for (const n of truths.keys()) {
      expect(state.log.map((l) => l.message)).toContain(`testing socket ${n}: ${await control().dutSerial(n)}`)
    }
  })

  it('dropout ramps the one supply once for the board and finds each socket’s own dropout', async () => {
    await control().setSocketParameter(1, 'DROPOUT_VOLTAGE', 0.2)
    await control().setSocketParameter(4, 'DROPOUT_VOLTAGE', 0.4)
    const state = await runner.run('dropout', { sockets: [1, 4], vin_start_v: 3.9, cold_c: 0, hot_c: 50 })
    expect(state.status).toBe('passed')
    const room = bySocket(state, 'dropout_room_v')
    expect(room.map(([socket]) => socket)).toEqual([1, 4])
    expect(room[0]![1]).toBeCloseTo(0.2, 1)
    expect(room[1]![1]).toBeCloseTo(0.4, 1)
    expect(bySocket(state, 'dropout_hot_v')[1]![1]).toBeGreaterThan(room[1]![1])
  })

  it('line_regulation and quiescent current per socket of the board', async () => {
    await control().setSocketParameter(6, 'LINE_REGULATION_PCT_PER_V', 0.05)
    const line = await runner.run('line_regulation', { sockets: [2, 6] })
    expect(line.status).toBe('passed')
    const [two, six] = bySocket(line, 'line_regulation_pct_per_v')
    expect(six![1] - two![1]).toBeGreaterThan(0.035)
    expect(six![1] - two![1]).toBeLessThan(0.045)
    const iqs = new Map([
      [3, 40],
      [5, 80],
      [8, 60],
    ])
    for (const [n, ua] of iqs) await control().setSocketParameter(n, 'QUIESCENT_CURRENT_UA', ua)
    const iq = await runner.run('iq_vs_temp', { sockets: [...iqs.keys()], points_c: [25, 50], iq_samples: 200 })
    expect(iq.status).toBe('passed')
    for (const [socket, value] of bySocket(iq, 'iq_25c_ua')) expect(Math.abs(value - iqs.get(socket!)!)).toBeLessThan(2)
  })

  it('names the one socket of `sockets: [n]` in its results, readings and serial', async () => {
    const state = await runner.run('line_regulation', { sockets: [4], vins_v: [4.5, 5.5] })
    expect(state.status).toBe('passed')
    expect(state.results.map((r) => r.socket)).toEqual([4, 4, 4])
    expect((await storage.getRun(state.id))?.dutSerial).toBe(await control().dutSerial(4))
    const names = new Set((await storage.readMeasurements(state.id)).map((row) => row.parameter))
    expect(names).toEqual(new Set(['vout_s4', 'vout_avg_s4']))
  })
})

describe('a board the run cannot measure', () => {
  it('refuses a socket named twice before the run exists', async () => {
    await expect(runner.run('tempco', { sockets: [2, 3, 2] })).rejects.toMatchObject({
      code: 'FRAMEWORK_BAD_PARAMETER',
      message: 'parameter "sockets" of tempco is invalid: each socket may be named once',
    })
  })

  it('ends in error, in one sentence, when the loads would draw more than the supply’s limit', async () => {
    const state = await runner.run('load_regulation', { sockets: BOARD, current_limit_a: 1 })
    expect(state.status).toBe('error')
    expect(state.statusReason).toBe(
      'step "configure" failed: the loads draw up to 4 A (8 sockets × 0.5 A) from the one supply, above current_limit_a 1 A — raise current_limit_a (at most 5 A) or measure fewer sockets per run',
    )
    // Without current_limit_a the limit covers the board's draw, up to what the supply gives.
    const sixteen = await startVirtualBench({ DVT__BENCH__SOCKETS: '16' })
    try {
      const big = createTestRunner({
        instruments: sixteen.instruments,
        board: boardWiring(sixteen.config),
        registry: defaultRegistry,
      })
      const all = Array.from({ length: 16 }, (_, i) => i + 1)
      const heavy = await big.run('load_regulation', { sockets: all, loads_a: [0, 0.5] })
      expect(heavy.statusReason).toBe(
        'step "configure" failed: the loads draw up to 8 A (16 sockets × 0.5 A) from the one supply, more than its 5 A — lower the loads or measure fewer sockets per run',
      )
      const light = await big.run('output_voltage', { sockets: all })
      expect(light.status).toBe('passed')
      expect(light.results).toHaveLength(16)
      expect(await sixteen.instruments.supply.send('CURR? (@1)')).toBe('+2.00000000E+00')
    } finally {
      await sixteen.close()
    }
  })

  it('ends in error naming the board when a socket does not exist', async () => {
    const state = await runner.run('dropout', { sockets: [1, 9] })
    expect(state.status).toBe('error')
    expect(state.statusReason).toBe('step "configure" failed: socket 9 does not exist: the bench has 8 sockets (1 … 8)')
  })
})
