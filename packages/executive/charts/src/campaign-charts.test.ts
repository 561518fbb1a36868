import type { CampaignResult, CampaignStatistic } from '@dvt/storage/records'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { campaignCharts } from './campaign-charts'
import { conditionsLabel } from './conditions-label'
import { HistogramChart } from './histogram-chart'
import { XyChart } from './xy-chart'

const result = (
  serial: string,
  parameter: string,
  conditions: Record<string, number | string>,
  value: number,
  unit: string,
  limits: [number | null, number | null] = [null, null],
): CampaignResult => ({
  campaignId: 'c',
  serial,
  socket: 1,
  test: 'dropout',
  conditions,
  parameter,
  value,
  unit,
  lowerLimit: limits[0],
  upperLimit: limits[1],
  passed: null,
  runId: null,
  truth: null,
})

const serials = ['LOT-001', 'LOT-002', 'LOT-003']
const temperatures = [-40, 25, 125]
const results: CampaignResult[] = [
  ...serials.flatMap((s, i) =>
    temperatures.flatMap((t) =>
      [0.1, 0.3].map((load) =>
        result(s, 'dropout_v', { temperature_c: t, load_a: load }, (0.15 + 0.01 * i) * (load / 0.1) ** 0.5, 'V', [
          null,
          0.5,
        ]),
      ),
    ),
  ),
  ...serials.map((s, i) => result(s, 'tempco_ppm_per_c', { temperature_c: '-40…125' }, 20 + i, 'ppm/°C', [-100, 100])),
]

function stat(parameter: string, conditions: Record<string, number | string>, unit: string): CampaignStatistic {
  const values = results.filter(
    (r) => r.parameter === parameter && JSON.stringify(r.conditions) === JSON.stringify(conditions),
  )
  const first = values[0] as CampaignResult
  return {
    parameter,
    conditions,
    unit,
    n: values.length,
    mean: 0,
    std: 0,
    min: 0,
    max: 0,
    cpk: 2.5,
    yield: 1,
    lowerLimit: first.lowerLimit,
    upperLimit: first.upperLimit,
  }
}
const statistics: CampaignStatistic[] = [
  ...temperatures.flatMap((t) => [0.1, 0.3].map((load) => stat('dropout_v', { temperature_c: t, load_a: load }, 'V'))),
  stat('tempco_ppm_per_c', { temperature_c: '-40…125' }, 'ppm/°C'),
]

describe('conditionsLabel', () => {
  it('prints temperature first, with symbols and display units, and a derived span as it is', () => {
    expect(conditionsLabel({ load_a: 0.1, temperature_c: 25 })).toBe('T = 25 \u00b0C, I_load = 100 mA')
    expect(conditionsLabel({ supply_v: 4, temperature_c: -40 })).toBe('T = -40 \u00b0C, V_in = 4 V')
    expect(conditionsLabel({ temperature_c: '-40…125' })).toBe('T = -40…125 \u00b0C')
    expect(conditionsLabel({ step: 'x' })).toBe('step = x')
    expect(conditionsLabel({})).toBe('\u2014')
  })
})

describe('campaignCharts', () => {
  const charts = campaignCharts({ results, statistics })

  it('draws dropout vs temperature for every DUT at each load, in mV inside its limit', () => {
    const lots = charts.filter((c) => c.kind === 'lot')
    expect(lots.map((c) => c.title)).toEqual([
      'Dropout voltage vs temperature at I_load = 100 mA',
      'Dropout voltage vs temperature at I_load = 300 mA',
    ])
    const first = lots[0]
    if (first?.kind !== 'lot') throw new Error('no lot chart')
    expect(first.series.map((s) => s.label)).toEqual(serials)
    expect(first.series[0]?.points.map((p) => p.x)).toEqual(temperatures)
    expect(first.series[0]?.points[0]?.y).toBeCloseTo(150, 9)
    expect(first.yLabel).toBe('Dropout voltage (mV)')
    expect(first.band).toEqual({ label: 'Limits', lower: null, upper: 500 })
    const svg = renderToStaticMarkup(createElement(XyChart, { ...first, width: 600, height: 260 }))
    expect(svg).toContain('>LOT-002<')
  })

  it('draws one histogram per parameter and load at room temperature, and the derived tempco, with limits and Cpk', () => {
    const histograms = charts.filter((c) => c.kind === 'histogram')
    expect(histograms.map((c) => c.title)).toEqual([
      'Dropout voltage at T = 25 \u00b0C, I_load = 100 mA',
      'Dropout voltage at T = 25 \u00b0C, I_load = 300 mA',
      'Output voltage tempco at T = -40…125 \u00b0C',
    ])
    const tempco = histograms[2]
    if (tempco?.kind !== 'histogram') throw new Error('no histogram')
    expect(tempco.bins.reduce((n, b) => n + b.count, 0)).toBe(3)
    expect([tempco.lower, tempco.upper, tempco.cpk]).toEqual([-100, 100, 2.5])
    const svg = renderToStaticMarkup(createElement(HistogramChart, { ...tempco, width: 320, height: 200 }))
    expect(svg).toContain('Cpk 2.50')
    expect(svg).toContain('USL 100')
  })

  it('has no lot chart while a parameter is measured at one temperature only', () => {
    const early = results.filter((r) => r.conditions.temperature_c === -40)
    expect(campaignCharts({ results: early, statistics: [] })).toEqual([])
  })
})
