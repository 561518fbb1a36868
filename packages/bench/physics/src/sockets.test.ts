import { describe, expect, it } from 'vitest'
import type { BenchModel } from './bench-model'
import { PhysicsError } from './physics-error'
import { testModel } from './testing/test-model'

const THETA = 15 + 5

/** Eight sockets on one supply (5 V, limit 5 A), socket n's load drawing n × 40 mA. */
function board(): BenchModel {
  const model = testModel({ sockets: 8, noise: false })
  const ch1 = model.supply.channel(1)
  ch1.voltageSetpoint = 5
  ch1.currentLimit = 5
  ch1.output = true
  for (const socket of model.sockets) {
    socket.load.currentSetpoint = 0.04 * socket.index
    socket.load.input = true
  }
  return model
}

describe('a board of sockets', () => {
  it('soaks every socket in the one chamber air; each junction sits P·(θjc + θca) above it for its own P', () => {
    const model = board()
    model.chamber.setpoint = 85
    model.advance(1800)
    const s = model.snapshot()
    expect(s.sockets).toHaveLength(8)
    const powers = s.sockets.map((socket) => socket.pdiss_w)
    expect(new Set(powers).size).toBe(8)
    for (const socket of s.sockets) {
      expect(socket.pdiss_w).toBeGreaterThan(0)
      expect(Math.abs(socket.junction_c - (s.chamber_c + socket.pdiss_w * THETA))).toBeLessThan(1e-6)
      expect(Math.abs(socket.case_c - (s.chamber_c + socket.pdiss_w * 5))).toBeLessThan(1e-6)
    }
    // The top level describes socket 1.
    expect(s.junction_c).toBe(s.sockets[0]?.junction_c)
    expect(s.pdiss_w).toBe(s.sockets[0]?.pdiss_w)
  })

  it('feeds every socket from supply output 1: its current is the sum of the socket input currents', () => {
    const model = board()
    model.advance(10)
    const sum = model.sockets.reduce((total, socket) => total + socket.dut.iout + socket.dut.iq, 0)
    expect(model.supply.channel(1).current).toBeCloseTo(sum, 12)
    expect(sum).toBeGreaterThan(0.04 * 36)
    for (const socket of model.sockets) expect(socket.dut.vin).toBe(5)
    expect(model.socket(3).quantity('iin')).toBeCloseTo(0.12 + model.socket(3).dut.iq, 12)
  })

  it('collapses every socket when the sum exceeds the supply limit, although each alone would fit', () => {
    const model = board()
    const ch1 = model.supply.channel(1)
    ch1.currentLimit = 1
    expect(ch1.mode).toBe('CC')
    for (const socket of model.sockets) expect(socket.dut.state).toBe('off')
    expect(ch1.current).toBe(0)
    model.socket(8).load.input = false // the demand changes: 1.12 A + 8·I_q still exceeds 1 A
    expect(ch1.mode).toBe('CC')
    model.socket(7).load.input = false // 0.84 A + 8·I_q fits
    expect(ch1.mode).toBe('CV')
    expect(model.sockets.map((socket) => socket.dut.state)).toEqual(Array(8).fill('on'))
  })

  it('keeps socket 1 bit-identical to a one-socket bench', () => {
    const one = testModel({ noise: false })
    const many = board()
    const ch1 = one.supply.channel(1)
    ch1.voltageSetpoint = 5
    ch1.currentLimit = 5
    ch1.output = true
    one.load.currentSetpoint = 0.04
    one.load.input = true
    for (const m of [one, many]) m.chamber.setpoint = 125
    for (let i = 0; i < 50; i++) {
      one.advance(7.31)
      many.advance(7.31)
      const a = one.snapshot()
      const b = many.snapshot()
      expect(b.junction_c).toBe(a.junction_c)
      expect(b.vout_v).toBe(a.vout_v)
      expect(many.integral('vout')).toBe(one.integral('vout'))
    }
  })

  it('refuses a socket it does not have and a board of more than 16', () => {
    const model = board()
    expect(() => model.socket(9)).toThrow(/socket 9 does not exist; the board has 1 … 8/)
    expect(() => model.socket(0)).toThrow(PhysicsError)
    expect(() => testModel({ sockets: 17 })).toThrow(/bench.sockets must be a whole number 1 … 16/)
  })
})

describe('the board handler', () => {
  const lot = { name: 'L7', size: 20, seed: 3, spread: { tempco_ppm_per_c: 10 }, corners: {} }

  it('puts DUTs index … index + N − 1 into the sockets; serials and truths follow', () => {
    const model = testModel({ sockets: 8, lot })
    expect(model.sockets.map((s) => s.serial)).toEqual(Array.from({ length: 8 }, (_, k) => `L7-00${k + 1}`))
    model.lot.load(9)
    expect(model.lot.first).toBe(9)
    expect(model.socket(1).serial).toBe('L7-009')
    expect(model.socket(8).serial).toBe('L7-016')
    for (const socket of model.sockets) {
      expect(socket.dutIndex).toBe(8 + socket.index)
      expect(socket.dut.getParameter('tempco_ppm_per_c')).toBe(model.lot.parameters(socket.dutIndex).tempco_ppm_per_c)
    }
    expect(model.snapshot().sockets[2]?.serial).toBe('L7-011')
  })

  it('leaves the sockets past the end of the lot empty: they draw nothing', () => {
    const model = testModel({ sockets: 8, lot })
    const ch1 = model.supply.channel(1)
    ch1.voltageSetpoint = 5
    ch1.output = true
    for (const socket of model.sockets) {
      socket.load.currentSetpoint = 0.1
      socket.load.input = true
    }
    model.lot.load(17)
    expect(model.sockets.map((s) => s.serial)).toEqual(['L7-017', 'L7-018', 'L7-019', 'L7-020', '', '', '', ''])
    expect(model.socket(5).occupied).toBe(false)
    model.advance(5)
    expect(model.socket(5).dut.state).toBe('off')
    expect(model.socket(5).quantity('iin')).toBe(0)
    expect(ch1.current).toBeCloseTo(4 * (0.1 + model.socket(1).dut.iq), 9)
    model.lot.load(1)
    expect(model.socket(5).occupied).toBe(true)
    expect(() => model.lot.load(21)).toThrow(/DUT 21 is not in lot L7 \(1 … 20\)/)
  })

  it('puts DUTs 1 … N back at reset, with their truths', () => {
    const model = testModel({ sockets: 4, lot })
    model.lot.load(5)
    model.socket(2).dut.setParameter('tempco_ppm_per_c', 999)
    model.reset()
    expect(model.socket(2).serial).toBe('L7-002')
    expect(model.socket(2).dut.getParameter('tempco_ppm_per_c')).toBe(model.lot.parameters(2).tempco_ppm_per_c)
  })
})
