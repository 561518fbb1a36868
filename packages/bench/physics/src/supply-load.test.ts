import { describe, expect, it } from 'vitest'
import { PhysicsError } from './physics-error'
import { poweredModel, testModel } from './testing/test-model'

describe('power supply', () => {
  it('goes to CC and collapses the DUT input when the DUT draws more than the limit, until something changes', () => {
    const model = poweredModel(5, 0.1)
    const ch1 = model.supply.channel(1)
    ch1.currentLimit = 0.05
    expect(ch1.mode).toBe('CC')
    expect(model.dut.state).toBe('off')
    expect(model.snapshot()).toMatchObject({ supply_mode: 'CC', vin_v: 0, vout_v: 0, dut_state: 'off' })
    model.advance(10)
    expect(ch1.mode).toBe('CC') // latched: the collapsed input draws nothing, but the demand has not changed
    ch1.currentLimit = 1
    expect(ch1.mode).toBe('CV')
    expect(model.dut.state).toBe('on')
    expect(ch1.voltage).toBe(5)
    expect(ch1.current).toBeCloseTo(0.1 + model.dut.iq, 15)
    ch1.currentLimit = 0.05
    expect(ch1.mode).toBe('CC')
    model.load.currentSetpoint = 0.01 // the demand changes: 0.01 A + I_q fits under 50 mA
    expect(ch1.mode).toBe('CV')
    expect(model.dut.vout).toBeGreaterThan(3.29)
  })

  it('reports OFF with the output off, and feeds nothing', () => {
    const model = poweredModel(5, 0.1)
    model.supply.channel(1).output = false
    model.advance(1)
    expect(model.snapshot()).toMatchObject({ supply_mode: 'OFF', vin_v: 0, dut_state: 'off', iout_a: 0 })
  })

  it('switches the DUT off below UVLO', () => {
    const model = poweredModel(1.4, 0.1)
    model.advance(1)
    expect(model.dut.state).toBe('off')
    model.supply.channel(1).voltageSetpoint = 1.6
    expect(model.dut.state).toBe('on')
  })

  it('rounds setpoints to 1 mV / 1 mA', () => {
    const ch = testModel().supply.channel(1)
    ch.voltageSetpoint = 3.33349
    expect(ch.voltageSetpoint).toBe(3.333)
    ch.currentLimit = 0.0996
    expect(ch.currentLimit).toBe(0.1)
  })

  it('has channels 2 and 3 that keep settings and drive nothing', () => {
    const model = poweredModel(5, 0.1)
    model.advance(1)
    const before = model.snapshot()
    const p25 = model.supply.channel(2)
    p25.voltageSetpoint = 12
    p25.output = true
    const n25 = model.supply.channel(3)
    n25.voltageSetpoint = -12
    n25.output = true
    expect([p25.voltage, p25.current, p25.mode]).toEqual([12, 0, 'CV'])
    expect([n25.voltage, n25.mode]).toEqual([-12, 'CV'])
    expect(model.snapshot()).toEqual(before)
    expect(() => model.supply.channel(4)).toThrow(PhysicsError)
    expect(() => model.supply.channel(0)).toThrow(PhysicsError)
    expect(model.supply.channels.map((c) => c.index)).toEqual([1, 2, 3])
  })
})

describe('electronic load', () => {
  it('draws its CC setpoint and reports voltage, current and power', () => {
    const model = poweredModel(5, 0.25)
    model.advance(1)
    expect(model.load.current).toBe(0.25)
    expect(model.load.voltage).toBe(model.dut.vout)
    expect(model.load.power).toBeCloseTo(model.dut.vout * 0.25, 15)
    model.load.input = false
    expect(model.load.current).toBe(0)
    expect(model.load.power).toBe(0)
    expect(model.load.voltage).toBeGreaterThan(3.29)
  })

  it('in CR mode draws V_out / R', () => {
    const model = poweredModel(5, 0.1)
    model.load.mode = 'CR'
    model.load.resistance = 10
    model.advance(1)
    expect(model.load.current).toBeCloseTo(model.dut.vout / 10, 14)
    expect(model.dut.vout).toBeCloseTo(
      3.3 * (1 + 50e-6 * (model.dut.junctionTemperature - 25)) - 0.05 * model.load.current,
      12,
    )
    model.load.resistance = 2 // 1.6 A would be needed: above the 0.6 A limit
    expect(model.dut.state).toBe('current_limit')
    expect(model.load.current).toBe(0.6)
    expect(model.load.voltage).toBe(0)
  })

  it('rejects invalid settings and changes nothing', () => {
    const model = testModel()
    expect(() => {
      model.load.resistance = 0
    }).toThrow(PhysicsError)
    expect(() => {
      model.load.currentSetpoint = -1
    }).toThrow(PhysicsError)
    expect(() => {
      model.load.mode = 'CP' as 'CC'
    }).toThrow(PhysicsError)
    expect([model.load.resistance, model.load.currentSetpoint, model.load.mode]).toEqual([1000, 0, 'CC'])
  })
})
