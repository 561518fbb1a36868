import { measurementRow } from '@dvt/storage/testing'
import { describe, expect, it } from 'vitest'
import { sampleLoadRegulationData, sampleRun, sampleTempcoData } from '../../testing/sample-report-data'
import { linearFit } from './linear-fit'
import { naturalAxis } from './measured-charts'
import { buildReportCharts } from './report-charts'
import { renderSvgChart } from './svg-chart'
import { fitTempco } from './tempco-chart'

describe('linearFit and fitTempco', () => {
  it('recovers slope, intercept and a zero residual from exact points', () => {
    const fit = linearFit([0, 1, 2, 3].map((x) => ({ x, y: 2 * x + 1 })))
    expect(fit?.slope).toBeCloseTo(2, 12)
    expect(fit?.intercept).toBeCloseTo(1, 12)
    expect(fit?.rmsResidual).toBeCloseTo(0, 12)
    expect(
      linearFit([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull()
  })

  it('expresses the slope in ppm/°C of V_out measured at 25 °C', () => {
    for (const ppm of [10, 50, 150]) {
      const points = [-40, -20, 0, 25, 50, 85].map((x) => ({ x, y: 3.295 * (1 + ppm * 1e-6 * (x - 25)) }))
      const fit = fitTempco(points)
      expect(fit?.ppmPerC).toBeCloseTo(ppm, 6)
      expect(fit?.vref).toBeCloseTo(3.295, 12)
    }
  })
})

describe('buildReportCharts', () => {
  it('draws V_out vs temperature with the fit and its slope for tempco', () => {
    const data = sampleTempcoData({ ppm: 150 })
    const charts = buildReportCharts(data.run, data.measurements)
    expect(charts).toHaveLength(1)
    const [chart] = charts
    expect(chart?.title).toBe('Output voltage vs temperature')
    expect(chart?.svg).toMatch(/^<svg [^>]*viewBox/)
    expect(chart?.svg).toMatch(/Slope 150\.0\d ppm\/°C/)
    expect(chart?.svg).toContain('stroke-dasharray')
    expect(chart?.caption).toContain('fitted over 6 averaged points')
    expect(chart?.svg).not.toContain('NaN')
  })

  it('fits the raw readings when a tempco run has no averaged points', () => {
    const data = sampleTempcoData()
    const raw = data.measurements.filter((m) => m.parameter === 'vout')
    const [chart] = buildReportCharts(data.run, raw)
    expect(chart?.caption).toContain(`fitted over ${raw.length} readings`)
  })

  it('plots other tests against the swept quantity, with axis units', () => {
    const data = sampleLoadRegulationData()
    const [chart] = buildReportCharts(data.run, data.measurements)
    expect(chart?.title).toBe('Output voltage vs load current')
    expect(chart?.svg).toContain('Load current (mA)')
    expect(chart?.svg).toContain('Output voltage (V)')
    expect(chart?.svg).toContain('>500<')
  })

  it('draws one series per chamber temperature for a sweep repeated at a few temperatures', () => {
    const rows = [-40, 25, 85].flatMap((temperature) =>
      [5, 4, 3.6, 3.4].map((inputVoltage) =>
        measurementRow({ temperature, inputVoltage, value: Math.min(3.3, inputVoltage - 0.2) }),
      ),
    )
    const [chart] = buildReportCharts(sampleRun({ test: 'dropout' }), rows)
    expect(chart?.title).toBe('Output voltage vs input voltage')
    for (const label of ['\u221240 °C', '25 °C', '85 °C'])
      expect(chart?.svg).toContain(`>${label.replace('\u2212', '-')}<`)
  })

  it('returns no chart without measurements', () => {
    expect(buildReportCharts(sampleRun(), [])).toEqual([])
  })
})

describe('naturalAxis', () => {
  it('prefers a varying temperature, then input voltage, then load current, then time', () => {
    expect(naturalAxis([measurementRow({ temperature: -40 }), measurementRow({ temperature: 85 })]).key).toBe(
      'temperature',
    )
    expect(
      naturalAxis([measurementRow({ temperature: 25.01, inputVoltage: 4 }), measurementRow({ inputVoltage: 6 })]).key,
    ).toBe('inputVoltage')
    expect(naturalAxis([measurementRow({ loadCurrent: 0 }), measurementRow({ loadCurrent: 0.5 })]).key).toBe(
      'loadCurrent',
    )
    expect(naturalAxis([measurementRow({ simTime: 1 }), measurementRow({ simTime: 2 })]).key).toBe('simTime')
    const sweepAtThreeTemperatures = [-40, 25, 85].flatMap((temperature) =>
      [4, 6].map((inputVoltage) => measurementRow({ temperature, inputVoltage })),
    )
    expect(naturalAxis(sweepAtThreeTemperatures).key).toBe('inputVoltage')
  })
})

describe('renderSvgChart', () => {
  it('escapes every label it prints', () => {
    const svg = renderSvgChart({
      xLabel: '<x>',
      yLabel: 'a&b',
      annotation: '"quoted"',
      series: [
        {
          label: '<script>',
          points: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
          color: '#000',
          style: 'line',
        },
      ],
    })
    expect(svg).not.toContain('<script>')
    expect(svg).not.toContain('<x>')
    expect(svg).toContain('&lt;script&gt;')
    expect(svg).toContain('a&amp;b')
    expect(svg).toContain('&quot;quoted&quot;')
  })

  it('thins very long series to a bounded number of drawn points', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => ({ x: i, y: Math.sin(i / 1000) }))
    const svg = renderSvgChart({
      xLabel: 'x',
      yLabel: 'y',
      series: [{ label: 's', points, color: '#000', style: 'line' }],
    })
    const drawn = /points="([^"]*)"/.exec(svg)?.[1]?.split(' ').length ?? 0
    expect(drawn).toBeGreaterThan(1000)
    expect(drawn).toBeLessThanOrEqual(1501)
  })
})
