import type { SqliteStorage } from '@dvt/storage'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { boardWiring } from '../board'
import { dvtTests } from '../default-registry'
import type { RunState } from '../run-state'
import type { Runner } from '../runner'
import { defineTest } from '../test-definition'
import { createTestRegistry } from '../test-registry'
import { createTestRunner } from '../testing/test-runner'
import { startVirtualBench, type VirtualBenchHost } from '../testing/virtual-bench-host'
import { benchParameters, settleChamber, settleOptions } from './bench-steps'

// The steps of a campaign (docs/tests.md#campaign-steps): per-temperature tests over a board, on a chamber the
// campaign has already ramped and soaked, so that a step with dwell_s 0 does not soak again.

/** Settles the chamber at `temperature_c` and measures how many chamber readings and simulated seconds it took. */
const settleProbe = defineTest({
  name: 'settle_probe',
  description: 'settleChamber, counted',
  parameters: z.object({ temperature_c: z.number().default(25), ...benchParameters }),
  measurements: [
    { name: 'chamber_readings', unit: '', description: 'TEMP?;TECR? exchanges' },
    { name: 'settle_s', unit: 's', description: 'simulated seconds settleChamber took' },
  ],
  run: async (ctx) => {
    let readings = 0
    const { chamber } = ctx.instruments
    const counted = new Proxy(chamber, {
      get(target, key) {
        if (key === 'read') {
          return () => {
            readings++
            return target.read()
          }
        }
        const value = Reflect.get(target, key)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const start = await ctx.clock.sync()
    await settleChamber({ ...ctx, instruments: { ...ctx.instruments, chamber: counted } }, ctx.params.temperature_c, {
      ...settleOptions(ctx.params),
    })
    ctx.measure('chamber_readings', readings)
    ctx.measure('settle_s', (await ctx.clock.sync()) - start)
  },
})

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
    registry: createTestRegistry([...dvtTests, settleProbe]),
    station: 'campaign-steps-test',
    config: host.config,
  })
})

afterEach(async () => {
  await host.close()
  await temp.cleanup()
})

const BOARD = [1, 2, 3, 4, 5, 6, 7, 8]
const control = () => host.instruments.control!
const value = (state: RunState, name: string) => state.results.find((r) => r.parameter === name)?.value
const bySocket = (state: RunState, name: string) =>
  state.results.filter((r) => r.parameter === name).map((r) => [r.socket, r.value] as const)

async function timedRun(test: string, params: Record<string, unknown>) {
  const start = await control().time()
  const state = await runner.run(test, params)
  return { state, simulatedS: (await control().time()) - start }
}

describe('a chamber the campaign has already soaked', () => {
  it('settles with dwell_s 0 after one reading and one poll, waiting nothing', async () => {
    const first = await runner.run('settle_probe', { temperature_c: 60 })
    expect(value(first, 'settle_s')).toBeGreaterThan(150)
    expect(value(first, 'chamber_readings')).toBeGreaterThan(2)
    const again = await runner.run('settle_probe', { temperature_c: 60, dwell_s: 0 })
    expect(value(again, 'chamber_readings')).toBe(2)
    expect(value(again, 'settle_s')).toBeLessThan(0.5)
    // With the default dwell it still dwells, soaked or not.
    const dwelling = await runner.run('settle_probe', { temperature_c: 60 })
    expect(value(dwelling, 'chamber_readings')).toBe(2)
    expect(value(dwelling, 'settle_s')).toBeGreaterThan(149.9)
  })

  it('still ramps and polls when the setpoint is outside the window of what the chamber reads', async () => {
    await runner.run('settle_probe', { temperature_c: 60, dwell_s: 0 })
    const moved = await runner.run('settle_probe', { temperature_c: 70, dwell_s: 0 })
    // 10 °C at 10 °C/min is a minute of ramp, then the soak inside the window.
    expect(value(moved, 'settle_s')).toBeGreaterThan(60 + 30)
  })

  it('runs a per-temperature step over the board without soaking again', async () => {
    const soaking = await timedRun('output_voltage', { sockets: BOARD, temperature_c: 85 })
    const step = await timedRun('output_voltage', { sockets: BOARD, temperature_c: 85, dwell_s: 0 })
    expect(step.state.status).toBe('passed')
    expect(soaking.simulatedS - step.simulatedS).toBeGreaterThan(150)
  })
})

describe('output_voltage', () => {
  it('measures each socket’s V_out at the temperature, judged against nominal ± tolerance', async () => {
    for (const n of BOARD) await control().setSocketParameter(n, 'NOMINAL_OUTPUT_VOLTAGE', 3.28 + 0.005 * n)
    await control().setSocketParameter(8, 'NOMINAL_OUTPUT_VOLTAGE', 3.5)
    const state = await runner.run('output_voltage', { sockets: BOARD, load_a: 0.1 })
    expect(state.status).toBe('failed')
    expect(state.statusReason).toMatch(/^socket 8: vout_v = 3\.49\d+ V is above its upper limit 3\.366$/)
    const measured = bySocket(state, 'vout_v')
    expect(measured.map(([socket]) => socket)).toEqual(BOARD)
    // At 25 °C, V_out is the part's nominal less the 0.05 Ω load regulation at 0.1 A, raised by its 50 ppm/°C over
    // the junction's self-heating: (5 V − V_out) · 0.1 A · 20 °C/W ≈ 3.4 °C.
    for (const [socket, vout] of measured.slice(0, 7)) {
      const heated = (3.28 + 0.005 * socket! - 0.005) * (1 + 50e-6 * 3.4)
      expect(Math.abs(vout - heated)).toBeLessThan(0.05e-3)
    }
    expect(state.results.filter((r) => r.passed === true)).toHaveLength(7)
    expect(state.results[0]!.lowerLimit).toBeCloseTo(3.234, 9)
    expect(state.results[0]!.upperLimit).toBeCloseTo(3.366, 9)
  })

  it('on one DUT measures as before: a result without a socket, readings as named', async () => {
    const state = await runner.run('output_voltage', { temperature_c: 50 })
    expect(state.status).toBe('passed')
    expect(state.results.map((r) => [r.parameter, r.socket])).toEqual([['vout_v', null]])
    // V_out rises with the 50 ppm/°C tempco over the 25 °C above room and the 3.4 °C of self-heating.
    expect(value(state, 'vout_v')).toBeCloseTo(3.295 * (1 + 50e-6 * (25 + 3.4)), 4)
    const names = new Set((await storage.readMeasurements(state.id)).map((row) => row.parameter))
    expect(names).toEqual(new Set(['vout', 'vout_avg']))
  })
})

describe('quiescent_current', () => {
  it('measures each socket’s I_q at the temperature with every load off', async () => {
    const truths = new Map([
      [2, 40],
      [3, 80],
      [7, 60],
    ])
    for (const [n, ua] of truths) await control().setSocketParameter(n, 'QUIESCENT_CURRENT_UA', ua)
    const state = await runner.run('quiescent_current', { sockets: [...truths.keys()], iq_samples: 200 })
    expect(state.status).toBe('passed')
    for (const [socket, iq] of bySocket(state, 'iq_ua')) expect(Math.abs(iq - truths.get(socket!)!)).toBeLessThan(1)
    // At 85 °C I_q rises 0.3 %/°C: 60 µA × (1 + 0.003 × 60).
    const hot = await runner.run('quiescent_current', { sockets: [7], temperature_c: 85, iq_samples: 200 })
    expect(Math.abs(value(hot, 'iq_ua')! - 60 * 1.18)).toBeLessThan(1)
    expect((await control().state()).sockets.map((s) => s.iout_a)).toEqual(Array(8).fill(0))
  })

  it('averages 100 readings of a current-sense channel unless told otherwise', async () => {
    const state = await runner.run('quiescent_current', { sockets: [2, 3] })
    expect(state.status).toBe('passed')
    const rows = await storage.readMeasurements(state.id)
    expect(rows.filter((row) => row.parameter === 'iin_s2')).toHaveLength(100)
    expect(rows.filter((row) => row.parameter === 'iq_avg_s3')).toHaveLength(1)
  })
})

describe('dropout at one temperature', () => {
  it('measures dropout_v at temperature_c alone, the corner steps skipped', async () => {
    await control().setSocketParameter(3, 'DROPOUT_VOLTAGE', 0.4)
    const state = await runner.run('dropout', { sockets: [1, 3], temperature_c: 25, vin_start_v: 3.9 })
    expect(state.status).toBe('passed')
    expect(state.results.map((r) => r.parameter)).toEqual(['dropout_v', 'dropout_v'])
    const [one, three] = bySocket(state, 'dropout_v')
    expect(one![1]).toBeCloseTo(0.3, 1)
    expect(three![1]).toBeCloseTo(0.4, 1)
    expect(state.steps.map((s) => [s.name, s.status])).toEqual([
      ['configure', 'pass'],
      ['room', 'pass'],
      ['cold', 'skipped'],
      ['hot', 'skipped'],
    ])
    expect(state.log.filter((l) => l.level === 'warn')).toEqual([])
  })

  it('without temperature_c measures the three corners and never dropout_v', async () => {
    const state = await runner.run('dropout', { vin_start_v: 3.5, cold_c: 0, hot_c: 50 })
    expect(state.results.map((r) => r.parameter)).toEqual(['dropout_room_v', 'dropout_cold_v', 'dropout_hot_v'])
    expect(state.log.filter((l) => l.level === 'warn')).toEqual([])
  })
})
