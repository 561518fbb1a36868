import { compareRuns } from '@dvt/analysis'
import type { MeasurementRow } from '@dvt/storage'
import { measurementRow } from '@dvt/storage/testing'
import { createSeededRandom } from '@dvt/transports/testing'
import { describe, expect, it } from 'vitest'
import type { ReportData } from '../report-data'
import { sampleRun, sampleTempcoData } from '../testing/sample-report-data'
import { renderReportHtml } from './render-html'

/** A tempco run recorded as the library records it: ten readings and then their mean at each point, with noise. */
function tempcoRun(id: string, ppm: number, seed: number): ReportData {
  const random = createSeededRandom(seed)
  const rows: MeasurementRow[] = []
  const points = [-40, -20, 0, 25, 50, 85].map((setpoint, i) => {
    const temperature = setpoint + (random() - 0.5) * 0.02
    const at = { simTime: 400 * (i + 1), temperature, inputVoltage: 5, loadCurrent: 0.1 }
    const readings = Array.from(
      { length: 10 },
      () => 3.295 * (1 + ppm * 1e-6 * (setpoint - 25)) + (random() - 0.5) * 1e-5,
    )
    const mean = readings.reduce((s, v) => s + v, 0) / readings.length
    for (const value of readings) rows.push(measurementRow({ ...at, parameter: 'vout', value }))
    rows.push(measurementRow({ ...at, parameter: 'vout_avg', value: mean }))
    return { temperature, mean }
  })
  const mx = points.reduce((s, p) => s + p.temperature, 0) / points.length
  const my = points.reduce((s, p) => s + p.mean, 0) / points.length
  const sxy = points.reduce((s, p) => s + (p.temperature - mx) * (p.mean - my), 0)
  const sxx = points.reduce((s, p) => s + (p.temperature - mx) ** 2, 0)
  const v25 = points[3]!.mean
  const result = (parameter: string, value: number, unit: string) => ({
    parameter,
    value,
    unit,
    lowerLimit: null,
    upperLimit: null,
    passed: null,
    socket: null,
  })
  return {
    run: sampleRun({ id }),
    results: [result('tempco_ppm_per_c', (sxy / sxx / v25) * 1e6, 'ppm/°C'), result('vout_25c_v', v25, 'V')],
    events: [],
    measurements: rows,
  }
}

function compared(ppmB: number): ReportData {
  const a = tempcoRun('3f6c2a9e-7d41-4b8a-9c2e-5a1b0d4e8f17', 50, 1)
  const b = tempcoRun('0badc0de-0000-4000-8000-000000000002', ppmB, 2)
  return { ...a, comparison: { other: b.run, result: compareRuns(a, b) } }
}

const options = { companyName: 'Acme', logoDataUri: null, includeCharts: true }

describe('the comparison section of a report', () => {
  it('prints both runs, every result with b − a, its noise and a verdict, and the overlaid curve', async () => {
    const html = await renderReportHtml(compared(150), options)
    expect(html).toContain('<h2>Comparison with run 0badc0de</h2>')
    expect(html).toMatch(
      /<td class="param">tempco_ppm_per_c<\/td><td class="num">(?:49|50)\.\d+<\/td><td class="num">1(?:49|50)\.\d+<\/td><td class="num strong">(?:99|100)\.\d+<\/td><td class="num">± [\d.]+<\/td><td>ppm\/°C<\/td><td class="center"><span class="badge badge-fail">DIFFERENT<\/span>/,
    )
    expect(html).toMatch(/<td class="param">vout_25c_v<\/td>.*WITHIN NOISE/)
    expect(html).toContain(
      '1 of 2 results of run b differ from run a beyond the two runs&#x27; own noise (95 %): tempco_ppm_per_c.',
    )
    expect(html).toContain('Output voltage vs chamber temperature: a and b')
    expect(html.match(/<svg /g)).toHaveLength(2)
  })

  it('says so when nothing differs, and leaves the section out of a report without a comparison', async () => {
    expect(await renderReportHtml(compared(50), options)).toContain(
      'No result of run b differs from run a beyond the two runs&#x27; own noise (95 %; 2 compared).',
    )
    expect(await renderReportHtml(sampleTempcoData(), options)).not.toContain('Comparison with run')
  })

  it('draws no comparison chart when charts are off', async () => {
    const html = await renderReportHtml(compared(150), { ...options, includeCharts: false })
    expect(html).toContain('Comparison with run 0badc0de')
    expect(html).not.toContain('<svg')
  })
})
