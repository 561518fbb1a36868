import { describe, expect, it } from 'vitest'
import type { DutInput, DutOperatingPoint } from './dut-model'
import { createLdoModel } from './ldo-model'
import { poweredModel } from './testing/test-model'

const THETA_JC = 15
const THETA_CA = 5

describe('DUT thermal network', () => {
  it.each([100, 10])('reaches T_j = T_ch + P·(θjc + θca) within 1e-6 °C in steady state (%i Hz)', (rate) => {
    const model = poweredModel(5, 0.3, { updateRateHz: rate })
    model.chamber.setpoint = 60
    model.advance(2400)
    const { chamber_c, junction_c, case_c, pdiss_w } = model.snapshot()
    expect(pdiss_w).toBeGreaterThan(0.4)
    expect(Math.abs(junction_c - (chamber_c + pdiss_w * (THETA_JC + THETA_CA)))).toBeLessThan(1e-6)
    expect(Math.abs(case_c - (chamber_c + pdiss_w * THETA_CA))).toBeLessThan(1e-6)
  })

  it('solves P ↔ T_j in the same step: no lag between the power and the junction temperature', () => {
    const model = poweredModel(5.5, 0.5)
    model.chamber.setpoint = 100
    const ldo = createLdoModel()
    const input: DutInput = { vin: 5.5, tj: 0, loadMode: 'CC', loadOn: true, loadCurrent: 0.5, loadResistance: 1 }
    const op: DutOperatingPoint = { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 }
    for (let i = 0; i < 3000; i++) {
      model.step()
      const s = model.snapshot()
      expect(Math.abs(s.junction_c - (s.case_c + s.pdiss_w * THETA_JC))).toBeLessThan(1e-9)
      input.tj = s.junction_c
      ldo.solve(input, op)
      expect(Math.abs(op.pdiss - s.pdiss_w)).toBeLessThan(1e-8)
    }
  })

  it('does not depend on dt beyond the hold error (junction trace at 1 ms vs 100 ms)', () => {
    const fine = poweredModel(5, 0.4, { updateRateHz: 1000 })
    const coarse = poweredModel(5, 0.4, { updateRateHz: 10 })
    for (const m of [fine, coarse]) m.chamber.setpoint = 120
    let worst = 0
    for (let t = 1; t <= 1200; t++) {
      fine.advance(1)
      coarse.advance(1)
      worst = Math.max(worst, Math.abs(fine.dut.junctionTemperature - coarse.dut.junctionTemperature))
    }
    expect(worst).toBeLessThan(0.01)
  })

  it('reads the case through the NTC thermistor: R = R25·exp(β(1/T − 1/298.15))', () => {
    const model = poweredModel(5, 0.5)
    model.chamber.rampRate = 60
    model.chamber.setpoint = 150
    let worst = 0
    for (let i = 0; i < 60_000; i++) {
      model.step()
      const t = model.dut.caseTemperature + 273.15
      const exact = 10_000 * Math.exp(3950 * (1 / t - 1 / 298.15))
      worst = Math.max(worst, Math.abs(model.thermistor.resistance / exact - 1))
    }
    expect(worst).toBeLessThan(1e-12)
    expect(model.thermistor.resistance).toBeLessThan(500)
  })
})

describe('thermal shutdown', () => {
  it('enters at T_j ≥ 165 °C and leaves only below 150 °C', () => {
    // 0.4 A from 5 V: ~0.7 W, so the die sits ~10 °C above the case and the chamber does the heating.
    const model = poweredModel(5, 0.4)
    model.chamber.rampRate = 60
    model.chamber.setpoint = 160
    const trace: { state: string; tj: number }[] = []
    const run = (seconds: number) => {
      for (let i = 0; i < seconds * 100; i++) {
        model.step()
        trace.push({ state: model.dut.state, tj: model.dut.junctionTemperature })
      }
    }
    run(600)
    model.chamber.setpoint = 140
    run(600)
    const enter = trace.findIndex((p) => p.state === 'shutdown')
    expect(enter).toBeGreaterThan(0)
    expect(trace[enter - 1]?.state).toBe('on')
    expect(trace[enter - 1]?.tj).toBeGreaterThan(164.9)
    expect(Math.max(...trace.filter((p) => p.state === 'on').map((p) => p.tj))).toBeLessThan(165)
    const inShutdown = trace.filter((p) => p.state === 'shutdown')
    // Hysteresis: in shutdown between 150 and 165 °C for a long time, never below 150.
    expect(inShutdown.filter((p) => p.tj < 165).length).toBeGreaterThan(10_000)
    expect(Math.min(...inShutdown.map((p) => p.tj))).toBeGreaterThanOrEqual(150)
    const leave = trace.findIndex((p, i) => i > enter && p.state === 'on')
    expect(leave).toBeGreaterThan(enter)
    expect(trace[leave - 1]?.tj).toBeLessThan(150.01)
    expect(trace.slice(leave).every((p) => p.state === 'on')).toBe(true)
  })

  it('is reached by the current-limit collapse heating the die, and the bench keeps running', () => {
    const model = poweredModel(5, 1)
    model.chamber.rampRate = 60
    model.chamber.setpoint = 125
    model.step()
    expect(model.dut.state).toBe('current_limit')
    expect(model.dut.pdiss).toBeCloseTo(5 * 0.6 + 5 * model.dut.iq, 12)
    const seen = new Set<string>()
    let hottest = 0
    for (let i = 0; i < 60_000; i++) {
      model.step()
      seen.add(model.dut.state)
      hottest = Math.max(hottest, model.dut.junctionTemperature)
    }
    expect(Number.isFinite(hottest)).toBe(true)
    expect(seen).toEqual(new Set(['current_limit', 'shutdown']))
    expect(hottest).toBeLessThan(165 + 3.1 * THETA_JC)
  })
})
