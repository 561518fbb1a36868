import { describe, expect, it } from 'vitest'
import type { DutInput, DutOperatingPoint } from './dut-model'
import { createLdoModel } from './ldo-model'
import { PhysicsError } from './physics-error'

function solveAt(tj: number, input: Partial<DutInput>, ldo = createLdoModel()): DutOperatingPoint & { vdo: number } {
  const full: DutInput = { vin: 5, tj, loadMode: 'CC', loadOn: true, loadCurrent: 0.1, loadResistance: 33, ...input }
  const op: DutOperatingPoint = { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 }
  ldo.solve(full, op)
  return { ...op, vdo: 0.3 * ((tj + 273.15) / 300) ** 1.5 }
}

describe('LDO regulator', () => {
  it('regulates with tempco, line and load regulation (docs/physics.md#regulation-equations)', () => {
    const at25 = solveAt(25, {})
    expect(at25.state).toBe('on')
    expect(at25.vout).toBeCloseTo(3.3 - 0.05 * 0.1, 14)
    const hot = solveAt(125, {})
    expect(hot.vout).toBeCloseTo(3.3 * (1 + 50e-6 * 100) - 0.005, 14)
    const highLine = solveAt(25, { vin: 6 })
    expect(highLine.vout).toBeCloseTo(3.3 * (1 + 0.0001) - 0.005, 14)
    expect(at25.pdiss).toBeCloseTo((5 - at25.vout) * 0.1 + 5 * 50e-6, 14)
  })

  it('clamps the output to V_in − V_do(T_j) in dropout', () => {
    for (const tj of [-40, 25, 125]) {
      const op = solveAt(tj, { vin: 3.4 })
      expect(op.vout).toBeCloseTo(3.4 - op.vdo, 14)
      expect(op.vout).toBeLessThan(3.3)
    }
    // Dropout grows with temperature as (T/300 K)^1.5.
    expect(solveAt(125, { vin: 3.4 }).vout).toBeLessThan(solveAt(-40, { vin: 3.4 }).vout)
    expect(solveAt(25, { vin: 3.7 }).vout).toBeCloseTo(3.3 * (1 - 0.0001 * 1.3) - 0.005, 14)
  })

  it('scales dropout with its temperature exponent', () => {
    const ldo = createLdoModel({ dropout_voltage: 0.25, dropout_temperature_exponent: 2.2 })
    for (const tj of [-40, 25, 125]) {
      const op = solveAt(tj, { vin: 3.2 }, ldo)
      expect(op.vout).toBeCloseTo(3.2 - 0.25 * ((tj + 273.15) / 300) ** 2.2, 14)
    }
    ldo.setParameter('DROPOUT_TEMPERATURE_EXPONENT', 1.5)
    expect(solveAt(85, { vin: 3.4 }, ldo).vout).toBeCloseTo(3.4 - 0.25 * ((85 + 273.15) / 300) ** 1.5, 14)
  })

  it('varies I_q with T_j and never lets it go negative', () => {
    expect(solveAt(25, {}).iq).toBeCloseTo(50e-6, 18)
    expect(solveAt(125, {}).iq).toBeCloseTo(50e-6 * 1.3, 18)
    expect(solveAt(-40, {}).iq).toBeCloseTo(50e-6 * (1 - 0.003 * 65), 18)
    const steep = createLdoModel({ quiescent_current_tempco: 0.02 })
    expect(solveAt(-75, {}, steep).iq).toBe(0)
  })

  it('is off below UVLO and on from it', () => {
    expect(solveAt(25, { vin: 1.49 })).toMatchObject({ state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 })
    const atUvlo = solveAt(25, { vin: 1.5 })
    expect(atUvlo.state).toBe('on')
    expect(atUvlo.vout).toBeCloseTo(1.5 - atUvlo.vdo - 0, 14)
  })

  it('collapses the output above the current limit, with the limit current flowing', () => {
    const op = solveAt(25, { loadCurrent: 0.61 })
    expect(op).toMatchObject({ state: 'current_limit', vout: 0, iout: 0.6 })
    expect(op.pdiss).toBeCloseTo(5 * 0.6 + 5 * 50e-6, 14)
    expect(solveAt(25, { loadCurrent: 0.6 }).state).toBe('on')
  })

  it('in CR mode solves V_out = R·I together with the load regulation term', () => {
    const op = solveAt(25, { loadMode: 'CR', loadResistance: 33 })
    expect(op.iout).toBeCloseTo(3.3 / 33.05, 14)
    expect(op.vout).toBeCloseTo(3.3 - 0.05 * op.iout, 14)
    expect(op.vout).toBeCloseTo(33 * op.iout, 14)
    expect(solveAt(25, { loadMode: 'CR', loadResistance: 5 }).state).toBe('current_limit')
    const dropout = solveAt(25, { loadMode: 'CR', loadResistance: 33, vin: 3.4 })
    expect(dropout.vout).toBeCloseTo(3.4 - dropout.vdo, 14)
    expect(dropout.iout).toBeCloseTo(dropout.vout / 33, 14)
  })

  it('draws the CC setpoint only at V_out ≥ 0.2 V', () => {
    const ldo = createLdoModel({ uvlo_v: 0 })
    expect(solveAt(25, { vin: 0.4, loadCurrent: 0.1 }, ldo)).toMatchObject({ iout: 0 })
    expect(solveAt(25, { vin: 0.6, loadCurrent: 0.1 }, ldo).iout).toBe(0.1)
    expect(solveAt(25, { loadOn: false }).iout).toBe(0)
  })

  it('gets and sets parameters by name, case-insensitively, and rejects unknown names and bad values', () => {
    const ldo = createLdoModel()
    expect(ldo.getParameter('TEMPCO_PPM_PER_C')).toBe(50)
    ldo.setParameter('Tempco_Ppm_Per_C', 150)
    expect(ldo.getParameter('tempco_ppm_per_c')).toBe(150)
    expect(solveAt(125, {}, ldo).vout).toBeCloseTo(3.3 * (1 + 150e-6 * 100) - 0.005, 14)
    expect(() => ldo.getParameter('NOPE')).toThrow(PhysicsError)
    try {
      ldo.setParameter('nope', 1)
    } catch (error) {
      expect((error as PhysicsError).code).toBe('PHYSICS_UNKNOWN_PARAMETER')
    }
    expect(() => ldo.setParameter('current_limit_a', -1)).toThrow(/CURRENT_LIMIT_A/)
    expect(() => ldo.setParameter('uvlo_v', Number.NaN)).toThrow(PhysicsError)
    expect(ldo.getParameter('CURRENT_LIMIT_A')).toBe(0.6)
    expect(ldo.parameterNames()).toContain('thermal_shutdown_hysteresis_c')
    ldo.resetParameters()
    expect(ldo.getParameter('TEMPCO_PPM_PER_C')).toBe(50)
  })

  it('latches thermal shutdown with hysteresis through settle()', () => {
    const ldo = createLdoModel()
    const input: DutInput = { vin: 5, tj: 164.9, loadMode: 'CC', loadOn: true, loadCurrent: 0.1, loadResistance: 1 }
    const op: DutOperatingPoint = { state: 'off', vout: 0, iout: 0, iq: 0, pdiss: 0 }
    ldo.solve(input, op)
    expect(ldo.settle(input)).toBe(false)
    input.tj = 165
    expect(ldo.settle(input)).toBe(true)
    ldo.solve(input, op)
    expect(op).toMatchObject({ state: 'shutdown', vout: 0, pdiss: 0 })
    input.tj = 150
    expect(ldo.settle(input)).toBe(false)
    input.tj = 149.99
    expect(ldo.settle(input)).toBe(true)
    ldo.solve(input, op)
    expect(op.state).toBe('on')
  })
})
