import { measurementRow } from '@dvt/storage/testing'
import { describe, expect, it } from 'vitest'
import { sampleLoadRegulationData, sampleRun, sampleTempcoData } from '../../testing/sample-report-data'
import { buildReportCharts } from './report-charts'

describe('buildReportCharts', () => {
  it('draws V_out vs temperature with the fit and its slope for tempco, as complete static SVG', () => {
    const data = sampleTempcoData({ ppm: 150 })
    const charts = buildReportCharts(data.run, data.measurements)
    expect(charts).toHaveLength(1)
    const [chart] = charts
    expect(chart?.title).toBe('Output voltage vs temperature')
    expect(chart?.svg).toMatch(/^<svg [^>]*viewBox="0 0 680 255"/)
    expect(chart?.svg).toMatch(/>Slope 150\.0\d ppm\/°C</)
    expect(chart?.svg).toContain('stroke-dasharray')
    expect(chart?.svg).toContain('>Chamber temperature (°C)<')
    expect(chart?.svg).toContain('>Output voltage (V)<')
    // Every averaged point is a marker; the x ticks run −40 … 80 with a typographic minus.
    const markers = /class="chart-markers">(.*?)<\/g>/.exec(chart?.svg ?? '')?.[1] ?? ''
    expect(markers.match(/<circle /g)).toHaveLength(6)
    expect(chart?.svg).toContain('>\u221240<')
    expect(chart?.caption).toContain('fitted over 6 averaged points')
    expect(chart?.caption).toMatch(/^Least-squares slope 150\.0\d ppm\/°C/)
    expect(chart?.svg).not.toContain('NaN')
    expect(chart?.svg).not.toMatch(/<script|<foreignObject/i)
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
    expect(chart?.svg).toContain('>Load current (mA)<')
    expect(chart?.svg).toContain('>Output voltage (V)<')
    expect(chart?.svg).toContain('>500<')
    expect(chart?.caption).toBe('55 readings of vout against load current.')
  })

  it('draws one series per chamber temperature for a sweep repeated at a few temperatures', () => {
    const rows = [-40, 25, 85].flatMap((temperature) =>
      [5, 4, 3.6, 3.4].map((inputVoltage) =>
        measurementRow({ temperature, inputVoltage, value: Math.min(3.3, inputVoltage - 0.2) }),
      ),
    )
    const [chart] = buildReportCharts(sampleRun({ test: 'dropout' }), rows)
    expect(chart?.title).toBe('Output voltage vs input voltage')
    for (const label of ['\u221240 °C', '25 °C', '85 °C']) expect(chart?.svg).toContain(`>${label}<`)
    expect(chart?.caption).toContain('one series per chamber temperature')
  })

  it('escapes markup in what it prints (parameter names come from tests anyone can write)', () => {
    const rows = [0, 1, 2].map((simTime) =>
      measurementRow({ simTime, parameter: '<script>x</script>', value: simTime }),
    )
    const [chart] = buildReportCharts(sampleRun({ test: 'custom' }), rows)
    expect(chart?.svg).not.toContain('<script>')
    expect(chart?.svg).toContain('&lt;script&gt;x&lt;/script&gt;')
  })

  it('returns no chart without measurements', () => {
    expect(buildReportCharts(sampleRun(), [])).toEqual([])
  })
})
