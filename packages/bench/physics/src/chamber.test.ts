import { describe, expect, it } from 'vitest'
import { PhysicsError } from './physics-error'
import { poweredModel, testModel } from './testing/test-model'

/**
 * First-order lag (τ) driven by a target that ramps at `s` °C/s from T0 (= the start temperature)
 * and saturates at S: T(t) = R(t) − s·τ·(1 − e^(−t/τ)) while ramping, then an exponential approach to S.
 */
function analyticChamber(t: number, t0: number, setpoint: number, s: number, tau: number): number {
  const t1 = Math.abs(setpoint - t0) / s
  const slope = Math.sign(setpoint - t0) * s
  const ramp = (u: number) => t0 + slope * u - slope * tau * (1 - Math.exp(-u / tau))
  if (t <= t1) return ramp(t)
  return setpoint + (ramp(t1) - setpoint) * Math.exp(-(t - t1) / tau)
}

describe('chamber air temperature', () => {
  it.each([1000, 100, 10])('matches the analytic ramp-then-lag solution at %i Hz (dt 1, 10, 100 ms)', (rate) => {
    const model = testModel({ updateRateHz: rate })
    model.chamber.setpoint = 85
    let worst = 0
    let fastestRamp = 0
    let lastRampTarget = 25
    while (model.time < 900) {
      model.step()
      const expected = analyticChamber(model.time, 25, 85, 10 / 60, 30)
      worst = Math.max(worst, Math.abs(model.chamber.temperature - expected))
      fastestRamp = Math.max(fastestRamp, (model.chamber.rampTarget - lastRampTarget) / model.dt)
      lastRampTarget = model.chamber.rampTarget
    }
    expect(worst).toBeLessThan(0.01)
    // The controller's target never moves faster than 10 °C/min.
    expect(fastestRamp).toBeCloseTo(10 / 60, 9)
    expect(model.chamber.rampTarget).toBe(85)
  })

  it('matches the analytic solution cooling down, with another ramp rate', () => {
    const model = testModel()
    model.chamber.rampRate = 4
    model.chamber.setpoint = -40
    let worst = 0
    while (model.time < 1500) {
      model.step()
      worst = Math.max(worst, Math.abs(model.chamber.temperature - analyticChamber(model.time, 25, -40, 4 / 60, 30)))
    }
    expect(worst).toBeLessThan(0.01)
  })

  it('is stable only after the window has held for the full stability time, with R = S', () => {
    const model = testModel()
    model.chamber.setpoint = 40
    let holdingSince: number | null = null
    let becameStableAt: number | null = null
    while (model.time < 400 && becameStableAt === null) {
      model.step()
      const c = model.chamber
      const holding = Math.abs(c.temperature - 40) <= 0.5 && c.rampTarget === 40
      if (!holding) holdingSince = null
      else holdingSince ??= model.time - model.dt
      if (c.stable) becameStableAt = model.time
      else if (holdingSince !== null) expect(model.time - holdingSince).toBeLessThan(30 + 1e-9)
    }
    expect(holdingSince).not.toBeNull()
    expect(becameStableAt).not.toBeNull()
    expect((becameStableAt ?? 0) - (holdingSince ?? 0)).toBeCloseTo(30, 9)
  })

  it('restarts the stability timer on any setpoint change, even within the window', () => {
    const model = testModel()
    model.chamber.setpoint = 30
    model.advance(300)
    expect(model.chamber.stable).toBe(true)
    model.chamber.setpoint = 30 // the same value is not a change
    expect(model.chamber.stable).toBe(true)
    model.chamber.setpoint = 30.1
    expect(model.chamber.stable).toBe(false)
    model.advance(29)
    expect(model.chamber.stable).toBe(false)
    model.advance(5)
    expect(model.chamber.stable).toBe(true)
  })

  it('loses stability as soon as the air leaves the window', () => {
    const model = testModel()
    model.chamber.setpoint = 26
    model.advance(300)
    expect(model.chamber.stable).toBe(true)
    model.chamber.stabilityWindow = 1e-12
    model.step()
    expect(model.chamber.stable).toBe(false)
    expect(model.chamber.stableFor).toBe(0)
  })

  it('rejects setpoints outside the limits and changes nothing', () => {
    const model = testModel()
    model.chamber.setpoint = 50
    for (const bad of [200.01, -75.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => {
        model.chamber.setpoint = bad
      }).toThrow(PhysicsError)
    }
    try {
      model.chamber.setpoint = 250
    } catch (error) {
      expect((error as PhysicsError).code).toBe('PHYSICS_OUT_OF_RANGE')
    }
    expect(model.chamber.setpoint).toBe(50)
    model.chamber.setpoint = 200
    model.chamber.setpoint = -75
    model.chamber.upperLimit = 100
    expect(() => {
      model.chamber.setpoint = 150
    }).toThrow(/out of range/)
    expect(() => {
      model.chamber.upperLimit = 300
    }).toThrow(PhysicsError)
    expect(() => {
      model.chamber.rampRate = 0
    }).toThrow(PhysicsError)
    expect(model.chamber.rampRate).toBe(10)
  })

  it('with flow off relaxes to ambient, is never stable, and ramps from the air temperature when back on', () => {
    const model = testModel()
    model.chamber.rampRate = 600
    model.chamber.setpoint = 100
    model.advance(300)
    const hot = model.chamber.temperature
    model.chamber.enabled = false
    model.advance(30)
    expect(model.chamber.temperature).toBeCloseTo(25 + (hot - 25) * Math.exp(-1), 9)
    expect(model.chamber.stable).toBe(false)
    expect(model.chamber.rampTarget).toBe(25)
    model.advance(600)
    expect(model.chamber.temperature).toBeCloseTo(25, 4)
    model.chamber.rampRate = 10
    model.chamber.enabled = true
    expect(model.chamber.rampTarget).toBeCloseTo(25, 4)
    model.advance(60)
    expect(model.chamber.rampTarget).toBeCloseTo(35, 3)
  })

  it('heats the DUT case through θ_ca: the case follows the chamber', () => {
    const model = poweredModel(5, 0.1)
    model.chamber.setpoint = 85
    model.advance(1200)
    expect(model.dut.caseTemperature).toBeGreaterThan(85)
    expect(model.dut.caseTemperature).toBeLessThan(87)
  })
})
