import { TELEMETRY_KEYS } from '@dvt/protocol'
import { describe, expect, it } from 'vitest'
import { createBenchModel } from './bench-model'
import type { DutInput, DutModel, DutOperatingPoint } from './dut-model'
import { PhysicsError } from './physics-error'
import { poweredModel, testModel, testParams } from './testing/test-model'

/** What the model's snapshot carries: every telemetry key but the clock's (`speed`, `paused`). */
const BENCH_KEYS = TELEMETRY_KEYS.filter((key) => key !== 'speed' && key !== 'paused')

describe('createBenchModel', () => {
  it('starts at ambient with everything off and a telemetry snapshot of plain JSON values', () => {
    const model = testModel()
    const s = model.snapshot()
    for (const key of BENCH_KEYS) expect(s).toHaveProperty(key)
    expect(s).toMatchObject({ t_s: 0, chamber_c: 25, case_c: 25, junction_c: 25, supply_mode: 'OFF', dut_state: 'off' })
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
    expect(model.thermistor.resistance).toBe(10_000)
  })

  it('advances in whole steps and carries the remainder, so small advances add up exactly', () => {
    const model = testModel()
    for (let i = 0; i < 10; i++) model.advance(0.001)
    expect(model.steps).toBe(1)
    for (let i = 0; i < 1000; i++) model.advance(0.0037)
    expect(model.steps).toBe(1 + 370)
    model.advance(0.005)
    model.advance(0.005)
    expect(model.steps).toBe(372)
    expect(model.time).toBeCloseTo(3.72, 12)
    expect(() => model.advance(-1)).toThrow(PhysicsError)
    expect(() => model.advance(Number.NaN)).toThrow(PhysicsError)
  })

  it('keeps integrals so a window average equals the mean of the quantity', () => {
    const model = poweredModel(5, 0.2)
    model.advance(5)
    const t0 = model.time
    const v0 = model.integral('vout')
    const i0 = model.integral('iout')
    const r0 = model.integral('thermistor')
    let sumV = 0
    let sumR = 0
    for (let k = 0; k < 20; k++) {
      model.step()
      sumV += model.quantity('vout')
      sumR += model.quantity('thermistor')
    }
    const window = model.time - t0
    expect((model.integral('vout') - v0) / window).toBeCloseTo(sumV / 20, 12)
    expect((model.integral('iout') - i0) / window).toBeCloseTo(0.2, 12)
    expect((model.integral('thermistor') - r0) / window).toBeCloseTo(sumR / 20, 6)
    expect(() => model.integral('nope' as 'vout')).toThrow(PhysicsError)
  })

  it('sets DUT parameters by name with immediate effect, and reset() restores the configured ones', () => {
    const model = poweredModel(5, 0.1)
    model.chamber.setpoint = 85
    model.advance(600)
    const before = model.dut.vout
    model.dut.setParameter('TEMPCO_PPM_PER_C', 150)
    expect(model.dut.getParameter('tempco_ppm_per_c')).toBe(150)
    // Immediate: the operating point is re-solved (T_j moves slightly with the new power, hence 1e-4).
    expect(model.dut.vout - before).toBeCloseTo(3.3 * 100e-6 * (model.dut.junctionTemperature - 25), 4)
    expect(() => model.dut.setParameter('FOO', 1)).toThrow(PhysicsError)
    model.chamber.upperLimit = 150
    model.reset()
    expect(model.dut.getParameter('TEMPCO_PPM_PER_C')).toBe(50)
    expect(model.chamber.upperLimit).toBe(200)
    expect(model.snapshot()).toEqual(testModel().snapshot())
  })

  it('recovers the configured tempco from V_out vs chamber temperature at no load (10, 50, 150 ppm/°C)', () => {
    for (const tempco of [10, 50, 150]) {
      const model = poweredModel(5, 0, { ldo: { tempco_ppm_per_c: tempco } })
      model.chamber.rampRate = 100
      const points: [number, number][] = []
      for (const t of [-40, 0, 25, 85, 125]) {
        model.chamber.setpoint = t
        model.advance(600)
        points.push([model.chamber.temperature, model.dut.vout])
      }
      const n = points.length
      const mx = points.reduce((a, p) => a + p[0], 0) / n
      const my = points.reduce((a, p) => a + p[1], 0) / n
      const slope =
        points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0) / points.reduce((a, p) => a + (p[0] - mx) ** 2, 0)
      expect((slope / 3.3) * 1e6).toBeCloseTo(tempco, 1)
    }
  })

  it('runs any DutModel: the engine does not know about the LDO', () => {
    // A 100 Ω resistor across the supply: P = V²/R, no temperature dependence, no latches.
    const resistor: DutModel = {
      kind: 'resistor',
      parameterNames: () => ['resistance_ohm'],
      getParameter: () => 100,
      setParameter: () => {},
      parameters: () => ({ resistance_ohm: 100 }),
      resetParameters: () => {},
      resetState: () => {},
      load: () => {},
      solve(input: DutInput, out: DutOperatingPoint) {
        out.state = input.vin > 0 ? 'on' : 'off'
        out.vout = input.vin
        out.iout = 0
        out.iq = input.vin / 100
        out.pdiss = (input.vin * input.vin) / 100
      },
      settle: () => false,
    }
    const model = createBenchModel({ ...testParams(), dutModel: resistor })
    const ch1 = model.supply.channel(1)
    ch1.voltageSetpoint = 10
    ch1.output = true
    model.advance(600)
    expect(model.dut.pdiss).toBe(1)
    expect(ch1.current).toBeCloseTo(0.1, 15)
    expect(model.dut.junctionTemperature).toBeCloseTo(25 + 1 * 20, 6)
  })

  it('rejects invalid physics parameters and unknown DUT models', () => {
    const params = testParams()
    expect(() => createBenchModel({ ...params, physics: { ...params.physics, update_rate_hz: 0 } })).toThrow(
      PhysicsError,
    )
    expect(() => createBenchModel({ ...params, dut: { model: 'opamp' as 'ldo', parameters: {} } })).toThrow(
      /unknown DUT model/,
    )
    expect(() => createBenchModel({ ...params, dut: { model: 'ldo', parameters: { current_limit_a: 0 } } })).toThrow(
      PhysicsError,
    )
  })
})
