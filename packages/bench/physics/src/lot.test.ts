import { describe, expect, it } from 'vitest'
import { createLdoModel } from './ldo-model'
import { createLot, type LotParams, lotDeviate } from './lot'
import { DEFAULT_LDO_PARAMETERS } from './params'
import { PhysicsError } from './physics-error'

const nominal = { ...DEFAULT_LDO_PARAMETERS }
const scratch = createLdoModel()
const check = (values: Record<string, number>) => scratch.load(values)
const lotOf = (params: Partial<LotParams>) =>
  createLot({ name: 'LOT', size: 200, seed: 1, spread: {}, corners: {}, ...params }, nominal, check)

function stats(values: number[]): { mean: number; sigma: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1)
  return { mean, sigma: Math.sqrt(variance) }
}

const tempcos = (lot: ReturnType<typeof lotOf>) =>
  Array.from({ length: lot.size }, (_, k) => lot.parameters(k + 1).tempco_ppm_per_c as number)

describe('a lot of parts', () => {
  it('draws tempco around the nominal with the given σ (200 parts: mean 50 ± 1.5, σ 10 ± 1.5)', () => {
    const { mean, sigma } = stats(tempcos(lotOf({ spread: { tempco_ppm_per_c: 10 } })))
    expect(Math.abs(mean - 50)).toBeLessThan(1.5)
    expect(Math.abs(sigma - 10)).toBeLessThan(1.5)
  })

  it('truncates at ±3σ and leaves the parameters without spread at their nominal', () => {
    const lot = lotOf({ size: 5000, spread: { tempco_ppm_per_c: 10, nominal_output_voltage: 0.005 } })
    for (let i = 1; i <= lot.size; i++) {
      const part = lot.parameters(i)
      expect(Math.abs((part.tempco_ppm_per_c as number) - 50)).toBeLessThanOrEqual(30)
      expect(Math.abs((part.nominal_output_voltage as number) - 3.3)).toBeLessThanOrEqual(0.015 + 1e-12)
      expect(part.dropout_voltage).toBe(0.3)
    }
  })

  it('is the same lot for the same seed and a different one for another seed', () => {
    const spread = { tempco_ppm_per_c: 10 }
    expect(tempcos(lotOf({ spread }))).toEqual(tempcos(lotOf({ spread })))
    const other = tempcos(lotOf({ spread, seed: 2 }))
    const same = tempcos(lotOf({ spread })).filter((value, k) => value === other[k])
    expect(same).toHaveLength(0)
  })

  it('gives DUT 17 the same part whatever the lot size, the drawing order or the other spreads', () => {
    const small = lotOf({ size: 20, spread: { tempco_ppm_per_c: 10 } })
    const large = lotOf({ size: 200, spread: { tempco_ppm_per_c: 10, quiescent_current_ua: 5 } })
    for (let i = 200; i >= 1; i--) large.parameters(i)
    expect(large.parameters(17).tempco_ppm_per_c).toBe(small.parameters(17).tempco_ppm_per_c)
    expect(small.parameters(17).tempco_ppm_per_c).toBe(50 + 10 * lotDeviate(1, 17, 'tempco_ppm_per_c'))
    expect(small.serial(17)).toBe('LOT-017')
    expect(large.serial(200)).toBe('LOT-200')
  })

  it('puts the named corners after the sampled parts: the nominal with each override, by percent or value', () => {
    const lot = lotOf({
      size: 3,
      spread: { tempco_ppm_per_c: 10 },
      corners: { min_vout: { nominal_output_voltage: '-2%' }, hot: { tempco_ppm_per_c: 80, current_limit_a: '+10%' } },
    })
    expect(lot.size).toBe(5)
    expect(lot.corners).toEqual(['min_vout', 'hot'])
    expect(lot.cornerOf(3)).toBeUndefined()
    expect(lot.cornerOf(4)).toBe('min_vout')
    expect(lot.parameters(4)).toEqual({ ...nominal, nominal_output_voltage: 3.3 * 0.98 })
    expect(lot.parameters(5)).toEqual({ ...nominal, tempco_ppm_per_c: 80, current_limit_a: 0.6 * 1.1 })
    expect(lot.serial(5)).toBe('LOT-005')
  })

  it('refuses a spread or corner that would give a part out of range, and DUTs outside the lot', () => {
    expect(() => lotOf({ spread: { quiescent_current_ua: 20 } })).toThrow(
      /dut.lot.spread.quiescent_current_ua: nominal − 3σ: QUIESCENT_CURRENT_UA must be a number ≥ 0/,
    )
    expect(() => lotOf({ corners: { dead: { current_limit_a: '-100%' } } })).toThrow(/dut.lot.corners.dead/)
    expect(() => lotOf({ corners: { odd: { current_limit_a: 'lots' } } })).toThrow(/a percentage like -2%/)
    expect(() => lotOf({ spread: { gain: 1 } })).toThrow(/unknown parameter "gain"/)
    expect(() => lotOf({ size: 0 })).toThrow(PhysicsError)
    expect(() => lotOf({}).parameters(201)).toThrow(/DUT 201 is not in lot LOT \(1 … 200\)/)
  })
})
