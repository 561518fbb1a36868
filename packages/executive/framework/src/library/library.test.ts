import type { SqliteStorage } from '@dvt/storage'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultRegistry } from '../default-registry'
import type { RunState } from '../run-state'
import type { Runner } from '../runner'
import { createTestRunner } from '../testing/test-runner'
import { startVirtualBench, type VirtualBenchHost } from '../testing/virtual-bench-host'

let host: VirtualBenchHost
let temp: TempStorage
let storage: SqliteStorage
let runner: Runner

beforeEach(async () => {
  host = await startVirtualBench()
  temp = createTempStorage()
  storage = temp.storage
  runner = createTestRunner({
    instruments: host.instruments,
    storage,
    registry: defaultRegistry,
    station: 'library-test',
    config: host.config,
  })
})

afterEach(async () => {
  await host.close()
  await temp.cleanup()
})

const result = (state: RunState, name: string) => state.results.find((r) => r.parameter === name)?.value

async function benchIsSafe(): Promise<{ supply: string; loadOn: boolean }> {
  const snapshot = await host.instruments.control!.state()
  return { supply: snapshot.supply_mode, loadOn: snapshot.load_on }
}

describe('tempco on the virtual bench (noise on)', () => {
  it.each([10, 50, 150])('recovers a configured tempco of %i ppm/°C within ±1 ppm/°C', async (tempco) => {
    await host.instruments.control!.setDutParameter('TEMPCO_PPM_PER_C', tempco)
    const state = await runner.run('tempco', { limit_ppm_per_c: 200 })
    expect(state.status).toBe('passed')
    expect(result(state, 'tempco_ppm_per_c')).toBeGreaterThan(tempco - 1)
    expect(result(state, 'tempco_ppm_per_c')).toBeLessThan(tempco + 1)
    expect(Math.abs(result(state, 'tempco_box_ppm_per_c')! - tempco)).toBeLessThan(2)
    expect(result(state, 'vout_25c_v')).toBeCloseTo(3.3 * (1 + tempco * 3.4e-6) - 0.005, 3)
    expect(result(state, 'fit_residual_uv')).toBeLessThan(20)
    expect(state.counts.measurements).toBe(6 * 11)
    expect(state.log.filter((l) => l.level === 'warn')).toEqual([])
  })

  it('fails against the default ±100 ppm/°C limit, naming the result', async () => {
    await host.instruments.control!.setDutParameter('TEMPCO_PPM_PER_C', 150)
    const state = await runner.run('tempco', { points_c: [0, 25, 50] })
    expect(state.status).toBe('failed')
    expect(state.statusReason).toMatch(/^tempco_ppm_per_c = 1\d\d\.\d+ ppm\/°C is above its upper limit 100/)
    expect(await benchIsSafe()).toEqual({ supply: 'OFF', loadOn: false })
  })

  it('reports progress as point k of n', async () => {
    const messages: string[] = []
    runner.subscribe((e) => {
      if (e.type === 'progress' && e.message) messages.push(e.message)
    })
    await runner.run('tempco', { points_c: [25, 50] })
    expect(messages[0]).toBe('point 1 of 2: settling at 25 °C')
    expect(messages.at(-1)).toMatch(/^point 2 of 2: V_out 3\.\d{6} V$/)
  })
})

describe('the rest of the library on the virtual bench', () => {
  it('load_regulation: R_load 50 mΩ less the self-heating tempco term', async () => {
    const state = await runner.run('load_regulation')
    expect(state.status).toBe('passed')
    // 50 mΩ − 3.3 V · 50 ppm/°C · 20 °C/W · 1.7 V ≈ 44.4 mΩ
    expect(result(state, 'load_regulation_mohm')).toBeGreaterThan(42)
    expect(result(state, 'load_regulation_mohm')).toBeLessThan(47)
    expect(result(state, 'load_regulation_pct')).toBeCloseTo(0.67, 1)
  })

  it('load_regulation records the self-heating transient of a load step only when asked (transient_s > 0)', async () => {
    const plain = await runner.run('load_regulation', { loads_a: [0, 0.5] })
    const plainRows = await storage.readMeasurements(plain.id)
    expect(plainRows.map((r) => r.parameter).filter((p) => !p.startsWith('vout'))).toEqual([])
    expect(plainRows).toHaveLength(2 * 11)
    const state = await runner.run('load_regulation', { loads_a: [0, 0.5], transient_s: 30, transient_interval_s: 0.5 })
    expect(state.status).toBe('passed')
    const rows = await storage.readMeasurements(state.id)
    const of = (parameter: string) => rows.filter((r) => r.parameter === parameter)
    const [step] = of('load_step')
    expect(step).toMatchObject({ value: 0.5, unit: 'A', inputVoltage: 6, loadCurrent: 0.5 })
    const transient = of('vout_transient')
    expect(transient.length).toBeGreaterThanOrEqual(55)
    // Each reading is stamped with the simulator's time at its end: 0.5 s waits plus a 20 ms window.
    expect(transient[1]!.simTime - transient[0]!.simTime).toBeCloseTo(0.52, 6)
    expect(transient[0]!.simTime - step!.simTime).toBeCloseTo(0.52, 6)
    // V_out drops at the step (25 mV across 50 mΩ, less the junction's own rise), then rises as the case heats:
    // 50 ppm/°C · 3.3 V · 5 °C/W · 1.4 W ≈ 1.1 mV over the transient.
    const [before, after] = of('vout_step_avg')
    expect(before!.loadCurrent).toBe(0)
    expect(after!.loadCurrent).toBeCloseTo(0.5, 2)
    const first = transient[0]!.value
    const last = transient.at(-1)!.value
    expect(before!.value - first).toBeGreaterThan(0.015)
    expect(last - first).toBeGreaterThan(0.001)
    expect(Math.abs(last - after!.value)).toBeLessThan(1e-4)
    expect(of('vout_step')).toHaveLength(20)
  })

  it('line_regulation: 0.01 %/V plus the self-heating term', async () => {
    const state = await runner.run('line_regulation')
    expect(state.status).toBe('passed')
    expect(result(state, 'line_regulation_pct_per_v')).toBeGreaterThan(0.015)
    expect(result(state, 'line_regulation_pct_per_v')).toBeLessThan(0.025)
  })

  it('dropout: follows V_do(T_j) = 0.3 V · ((T_j + 273.15)/300)^1.5', async () => {
    const state = await runner.run('dropout', { vin_start_v: 3.8 })
    expect(state.status).toBe('passed')
    expect(result(state, 'dropout_room_v')).toBeCloseTo(0.3, 1)
    expect(result(state, 'dropout_cold_v')).toBeCloseTo(0.21, 1)
    expect(result(state, 'dropout_hot_v')).toBeCloseTo(0.39, 1)
    expect(result(state, 'dropout_cold_v')).toBeLessThan(result(state, 'dropout_room_v')!)
    expect(result(state, 'dropout_room_v')).toBeLessThan(result(state, 'dropout_hot_v')!)
  })

  it('iq_vs_temp: 50 µA at 25 °C rising 0.3 %/°C (noise off to check the arithmetic)', async () => {
    await host.instruments.control!.setNoise(false)
    const state = await runner.run('iq_vs_temp', { points_c: [-40, 25, 85], iq_samples: 10 })
    expect(state.status).toBe('passed')
    expect(result(state, 'iq_25c_ua')).toBeCloseTo(50, 0)
    expect(result(state, 'iq_tempco_pct_per_c')).toBeCloseTo(0.3, 2)
  })
})

describe('reliability on the virtual bench', () => {
  it('a dropped multimeter connection ends the run in error, keeps the data and leaves the bench safe', async () => {
    runner.subscribe((e) => {
      if (e.type === 'progress' && e.point === 2 && e.message?.includes('settling')) {
        void host.instruments.control!.disconnect('dmm', 3600)
      }
    })
    const state = await runner.run('tempco', { points_c: [25, 50, 85] })
    expect(state.status).toBe('error')
    expect(state.statusReason).toMatch(/^step "sweep" failed: .*multimeter/)
    expect(await benchIsSafe()).toEqual({ supply: 'OFF', loadOn: false })
    expect((await storage.readMeasurements(state.id)).length).toBe(11)
    expect(await storage.getRun(state.id)).toMatchObject({ status: 'error', measurementCount: 11 })
    const errors = (await storage.getEvents(state.id)).filter((e) => e.level === 'error')
    expect(errors.map((e) => e.message)).toContainEqual(expect.stringMatching(/^step "sweep" finished: error: /))
  })

  it('an abort mid-sweep ends aborted with the bench safe', async () => {
    runner.subscribe((e) => {
      if (e.type === 'progress' && e.point === 2) runner.abort('operator pressed Abort')
    })
    const state = await runner.run('tempco', { points_c: [25, 50, 85] })
    expect(state.status).toBe('aborted')
    expect(state.statusReason).toBe('operator pressed Abort')
    expect(await benchIsSafe()).toEqual({ supply: 'OFF', loadOn: false })
    expect((await storage.getRun(state.id))?.status).toBe('aborted')
  })
})
