import type { SqliteStorage } from '@dvt/storage'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { boardWiring } from '../board'
import { defaultRegistry } from '../default-registry'
import type { RunState } from '../run-state'
import type { Runner } from '../runner'
import { createTestSockets } from '../sockets'
import { createTestRunner } from '../testing/test-runner'
import { startVirtualBench, type VirtualBenchHost } from '../testing/virtual-bench-host'

// The library on a board of eight DUTs in one chamber: each test measures the part in the socket it is given.

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
    station: 'library-sockets-test',
    config: host.config,
  })
})

afterEach(async () => {
  await host.close()
  await temp.cleanup()
})

const result = (state: RunState, name: string) => state.results.find((r) => r.parameter === name)?.value
const control = () => host.instruments.control!

describe('the library on socket n of a board of eight', () => {
  it('tempco on socket 3 measures the part in socket 3, not the one in socket 1', async () => {
    await control().setSocketParameter(3, 'TEMPCO_PPM_PER_C', 120)
    const state = await runner.run('tempco', { socket: 3, points_c: [0, 25, 50], limit_ppm_per_c: 200 })
    expect(state.status).toBe('passed')
    expect(Math.abs(result(state, 'tempco_ppm_per_c')! - 120)).toBeLessThan(1)
    expect(await control().getSocketParameter(1, 'TEMPCO_PPM_PER_C')).toBe(50)
    // Three points × (10 readings + their average), read through the switch/measure unit.
    expect(state.counts.measurements).toBe(3 * 11)
  })

  it('records the part of the socket as the run’s DUT serial and names it in the log', async () => {
    const serial = await control().dutSerial(4)
    expect(serial).not.toBe('')
    const state = await runner.run('tempco', { socket: 4, points_c: [25, 50] })
    expect((await storage.getRun(state.id))?.dutSerial).toBe(serial)
    expect(state.log.map((l) => l.message)).toContain(`testing socket 4: ${serial}`)
    // A --serial given by the operator wins.
    const named = await runner.run('tempco', { socket: 4, points_c: [25, 50] }, { serial: 'SN-OPERATOR' })
    expect((await storage.getRun(named.id))?.dutSerial).toBe('SN-OPERATOR')
  })

  it('load_regulation on socket 2 loads socket 2 only, and the safe state switches its channel off', async () => {
    const state = await runner.run('load_regulation', { socket: 2, loads_a: [0, 0.2, 0.4] })
    expect(state.status).toBe('passed')
    expect(result(state, 'load_regulation_mohm')).toBeGreaterThan(40)
    expect(result(state, 'load_regulation_mohm')).toBeLessThan(48)
    const snapshot = await control().state()
    expect(snapshot.sockets.map((s) => s.iout_a)).toEqual(Array(8).fill(0))
    expect(await host.instruments.load.send('INP? (@2)')).toBe('0')
    expect(state.log.map((l) => l.message)).toContain(
      'bench left safe: load inputs off (channels 1, 2), supply output off',
    )
  })

  it('line_regulation and dropout on socket 6 read socket 6', async () => {
    await control().setSocketParameter(6, 'DROPOUT_VOLTAGE', 0.4)
    const dropout = await runner.run('dropout', { socket: 6, vin_start_v: 3.9, cold_c: 0, hot_c: 50 })
    expect(dropout.status).toBe('passed')
    // 0.4 V · ((T_j + 273.15)/300)^1.5 at room temperature, a little above 0.4 from self-heating.
    expect(result(dropout, 'dropout_room_v')).toBeCloseTo(0.4, 1)
    const line = await runner.run('line_regulation', { socket: 6 })
    expect(line.status).toBe('passed')
    expect(result(line, 'line_regulation_pct_per_v')).toBeGreaterThan(0.015)
    expect(result(line, 'line_regulation_pct_per_v')).toBeLessThan(0.025)
  })

  it('iq_vs_temp on socket 5 reads its own quiescent current, where the supply reads the board’s', async () => {
    await control().setSocketParameter(5, 'QUIESCENT_CURRENT_UA', 80)
    const state = await runner.run('iq_vs_temp', { socket: 5, points_c: [25, 50], iq_samples: 200 })
    expect(state.status).toBe('passed')
    expect(result(state, 'iq_25c_ua')).toBeGreaterThan(78)
    expect(result(state, 'iq_25c_ua')).toBeLessThan(82)
    expect(result(state, 'iq_tempco_pct_per_c')).toBeCloseTo(0.3, 1)
  })

  it('ends a run on a socket the board does not have in error, naming the board', async () => {
    const state = await runner.run('tempco', { socket: 9 })
    expect(state.status).toBe('error')
    expect(state.statusReason).toBe('step "configure" failed: socket 9 does not exist: the bench has 8 sockets (1 … 8)')
  })
})

describe('ctx.sockets', () => {
  it('lists the board with each part’s serial, and reads each socket’s V_out and input current', async () => {
    const state = await runner.run('tempco', { socket: 1, points_c: [25, 50] })
    expect(state.status).toBe('passed')
    const sockets = createTestSocketsFor()
    expect(await sockets.count()).toBe(8)
    const all = await sockets.list()
    expect(all.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    const serials = await Promise.all(all.map((s) => s.serial()))
    expect(new Set(serials).size).toBe(8)
    await control().setNoise(false)
    await host.instruments.supply.configure(1, { voltage: 5, currentLimit: 1, output: true })
    const seventh = await sockets.get(7)
    await seventh.setupVout({ range: 10, nplc: 1, samples: 3 })
    const vout = await seventh.readVout()
    expect(vout).toHaveLength(3)
    for (const v of vout) expect(v).toBeCloseTo(3.3, 2)
    // With its load off, socket 7's input current is its own I_q (the chamber was left at 50 °C: ≈ 53.75 µA).
    const [iin] = await seventh.readInputCurrent(1)
    const truth = (await control().state()).sockets[6]!.iq_a
    expect(truth).toBeGreaterThan(50e-6)
    expect(Math.abs(iin! - truth)).toBeLessThan(0.1e-6)
  })
})

function createTestSocketsFor() {
  return createTestSockets(host.instruments, boardWiring(host.config))
}
