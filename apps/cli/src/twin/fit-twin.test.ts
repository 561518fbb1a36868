import { compareRuns, type RunData } from '@dvt/analysis'
import { defaultRegistry } from '@dvt/framework'
import {
  createTestRunner,
  type PlannedRun,
  recordRuns,
  startVirtualBench,
  type VirtualBenchHost,
} from '@dvt/framework/testing'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fitTwin, type TwinFit } from './fit-twin'

/** A part far from the defaults in every parameter the fit estimates (the defaults: docs/physics.md#parameters). */
const DUT = {
  dut: {
    nominal_output_voltage: 3.25,
    tempco_ppm_per_c: 87,
    load_regulation_ohm: 0.08,
    line_regulation_pct_per_v: 0.03,
    dropout_voltage: 0.35,
    dropout_temperature_exponent: 1.8,
    quiescent_current_ua: 65,
    quiescent_current_tempco: 0.004,
  },
  thermal: { theta_jc: 22, theta_ca: 8, case_time_constant_s: 6 },
}

/** What the fit reports, by key, for that part. */
const TRUTH: Record<string, number> = {
  ...DUT.dut,
  theta_jc_plus_ca: DUT.thermal.theta_jc + DUT.thermal.theta_ca,
  theta_ca: DUT.thermal.theta_ca,
  theta_jc: DUT.thermal.theta_jc,
  case_time_constant_s: DUT.thermal.case_time_constant_s,
}

const ENV = Object.fromEntries([
  ...Object.entries(DUT.dut).map(([k, v]) => [`DVT__DUT__PARAMETERS__${k.toUpperCase()}`, String(v)]),
  ...Object.entries(DUT.thermal).map(([k, v]) => [`DVT__PHYSICS__THERMAL__${k.toUpperCase()}`, String(v)]),
])

/**
 * The five library tests, trimmed to keep 20 seeds affordable: five tempco points, the load step recorded (60 s =
 * 10 τ of this case) at a reading every 0.5 s, the dropout ramp started closer to the knee, 200 I_q read-backs.
 */
const PLAN: PlannedRun[] = [
  { test: 'tempco', parameters: { points_c: [-40, 0, 25, 50, 85] } },
  { test: 'load_regulation', parameters: { transient_s: 60, transient_interval_s: 0.5 } },
  { test: 'line_regulation' },
  { test: 'dropout', parameters: { vin_start_v: 3.8 } },
  { test: 'iq_vs_temp', parameters: { iq_samples: 200 } },
]
const SEEDS = 20

const outside = (fit: TwinFit) =>
  fit.parameters.filter((p) => !(p.low! <= TRUTH[p.key]! && TRUTH[p.key]! <= p.high!)).map((p) => p.key)

describe('dvt fit on the simulator: the five library tests on a part with non-default parameters', () => {
  let host: VirtualBenchHost
  let temp: TempStorage
  const runsBySeed: RunData[][] = []
  const fits: TwinFit[] = []

  beforeAll(async () => {
    host = await startVirtualBench(ENV)
    temp = createTempStorage()
    const runner = createTestRunner({
      instruments: host.instruments,
      storage: temp.storage,
      registry: defaultRegistry,
      station: 'twin-test',
      config: host.config,
    })
    for (let seed = 1; seed <= SEEDS; seed++) {
      await host.instruments.control!.setSeed(seed)
      await host.instruments.control!.resetModel()
      const runs = await recordRuns(runner, temp.storage, PLAN)
      runsBySeed.push(runs)
      fits.push(fitTwin(runs))
    }
  }, 300_000)

  afterAll(async () => {
    await host?.close()
    await temp?.cleanup()
  })

  it('fits every parameter and recovers each within its reported 95 % interval', () => {
    const fit = fits[0]!
    expect(fit.parameters.map((p) => [p.key, p.fitted])).toEqual(Object.keys(TRUTH).map((k) => [k, true]))
    expect(outside(fit)).toEqual([])
    // Honest, and useful: no interval is as wide as the value itself.
    for (const p of fit.parameters) expect((p.high! - p.low!) / 2, p.key).toBeLessThan(Math.abs(TRUTH[p.key]!))
  })

  it(`gives honest intervals: over ${SEEDS} seeds each parameter's truth is inside at least 17 times`, () => {
    const misses = new Map<string, number>()
    for (const fit of fits) for (const key of outside(fit)) misses.set(key, (misses.get(key) ?? 0) + 1)
    for (const key of Object.keys(TRUTH)) expect(SEEDS - (misses.get(key) ?? 0), key).toBeGreaterThanOrEqual(17)
  })

  it('holds θ and τ_case at the model defaults, and says so, when no load step was recorded', () => {
    const withoutStep = runsBySeed[0]!.map((r) => ({
      ...r,
      measurements: r.measurements.filter(
        (m) => !['load_step', 'vout_transient', 'vout_step_avg'].includes(m.parameter),
      ),
    }))
    const fit = fitTwin(withoutStep)
    const held = fit.parameters.filter((p) => !p.fitted).map((p) => p.key)
    expect(held).toEqual(['theta_jc_plus_ca', 'theta_ca', 'theta_jc', 'case_time_constant_s'])
    expect(fit.candidate).toMatchObject({ theta: 20, thetaCa: 5, caseTimeConstant: 5 })
    expect(fit.parameters.find((p) => p.key === 'tempco_ppm_per_c')).toMatchObject({ fitted: true })
  })

  it("dvt compare of the same part on different seeds finds a difference beyond the runs' noise rarely", () => {
    let judged = 0
    let flagged = 0
    for (let seed = 1; seed < SEEDS; seed++) {
      runsBySeed[seed - 1]!.forEach((a, i) => {
        const comparison = compareRuns(a, runsBySeed[seed]![i]!)
        judged += comparison.results.filter((r) => r.significant !== null).length
        flagged += comparison.significant.length
      })
    }
    // 5 % of the results at 95 %; the box tempco and the slope share their noise, so allow twice that.
    expect(judged).toBe((SEEDS - 1) * 15)
    expect(flagged / judged).toBeLessThan(0.1)
  })
})
