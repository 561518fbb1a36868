import type { CampaignResult } from '@dvt/storage/records'
import { describe, expect, it } from 'vitest'
import { campaignStatistics, cpk, methodAccuracy } from './campaign-statistics'

function result(serial: string, value: number, overrides: Partial<CampaignResult> = {}): CampaignResult {
  return {
    campaignId: 'c',
    serial,
    socket: 1,
    test: 'output_voltage',
    conditions: { temperature_c: 25 },
    parameter: 'vout_v',
    value,
    unit: 'V',
    lowerLimit: 3.2,
    upperLimit: 3.4,
    passed: value >= 3.2 && value <= 3.4,
    runId: 'r',
    truth: null,
    ...overrides,
  }
}

describe('campaignStatistics', () => {
  it('gives n, mean, sample σ, min, max, Cpk and yield per parameter and condition set, in first-seen order', () => {
    const values = [3.29, 3.3, 3.31, 3.45]
    const stats = campaignStatistics([
      ...values.map((v, i) => result(`D${i}`, v)),
      // The same condition set with its keys in another order is the same row.
      result('D0', 3.25, { conditions: { temperature_c: 85 } }),
      result('D1', 3.27, { conditions: { temperature_c: 85 } }),
    ])
    expect(stats).toHaveLength(2)
    const [at25, at85] = stats
    const mean = 3.3375
    const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / 3)
    expect(at25).toMatchObject({ parameter: 'vout_v', conditions: { temperature_c: 25 }, unit: 'V', n: 4 })
    expect(at25!.mean).toBeCloseTo(mean, 12)
    expect(at25!.std).toBeCloseTo(std, 12)
    expect([at25!.min, at25!.max, at25!.yield]).toEqual([3.29, 3.45, 0.75])
    expect(at25!.cpk).toBeCloseTo(Math.min(3.4 - mean, mean - 3.2) / (3 * std), 12)
    expect(at85).toMatchObject({ n: 2, min: 3.25, max: 3.27, yield: 1 })
  })

  it('is one-sided with one open limit, null without limits or spread, and takes what-if limits', () => {
    expect(cpk(1, 0.1, null, 1.6)).toBeCloseTo(2, 12)
    expect(cpk(1, 0.1, 0.7, null)).toBeCloseTo(1, 12)
    expect(cpk(1, 0.1, null, null)).toBeNull()
    expect(cpk(1, 0, 0, 2)).toBeNull()
    const open = [1, 2, 3].map((v, i) => result(`D${i}`, v, { lowerLimit: null, upperLimit: null, passed: null }))
    expect(campaignStatistics(open)[0]).toMatchObject({ cpk: null, yield: null, std: 1, lowerLimit: null })
    const whatIf = campaignStatistics(open, { vout_v: { upper: 2.5 } })[0]!
    expect(whatIf).toMatchObject({ upperLimit: 2.5, lowerLimit: null, yield: 2 / 3 })
    expect(whatIf.cpk).toBeCloseTo((2.5 - 2) / 3, 12)
    expect(campaignStatistics([result('D0', 3.3)])[0]).toMatchObject({ n: 1, std: 0, cpk: null })
  })
})

describe('methodAccuracy', () => {
  it('gives measured − true over the DUTs with a truth, per parameter and condition set', () => {
    const acc = methodAccuracy([
      result('D0', 3.301, { truth: 3.3 }),
      result('D1', 3.297, { truth: 3.3 }),
      result('D2', 3.31),
    ])
    expect(acc).toHaveLength(1)
    expect(acc[0]).toMatchObject({ parameter: 'vout_v', n: 2 })
    expect(acc[0]!.meanError).toBeCloseTo(-0.001, 12)
    expect(acc[0]!.maxAbsError).toBeCloseTo(0.003, 12)
    expect(acc[0]!.stdError).toBeCloseTo(Math.sqrt(2 * 0.002 ** 2), 12)
    expect(methodAccuracy([result('D2', 3.31)])).toEqual([])
  })
})
