import { measurementRow } from '@dvt/storage/testing'
import { describe, expect, it } from 'vitest'
import { fitTempco, tempcoChart } from './tempco-chart'

const sweep = (ppm: number) => [-40, -20, 0, 25, 50, 85].map((x) => ({ x, y: 3.295 * (1 + ppm * 1e-6 * (x - 25)) }))

describe('fitTempco', () => {
  it('expresses the slope in ppm/°C of V_out measured at 25 °C', () => {
    for (const ppm of [10, 50, 150, -30]) {
      const fit = fitTempco(sweep(ppm))
      expect(fit?.ppmPerC).toBeCloseTo(ppm, 6)
      expect(fit?.vref).toBeCloseTo(3.295, 12)
      expect(fit?.rmsResidual).toBeCloseTo(0, 12)
      expect(fit?.n).toBe(6)
    }
  })

  it('refers to the fit at 25 °C without a point there, and needs two temperatures', () => {
    const without25 = sweep(50).filter((p) => p.x !== 25)
    expect(fitTempco(without25)?.vref).toBeCloseTo(3.295, 9)
    expect(
      fitTempco([
        { x: 25, y: 1 },
        { x: 25, y: 2 },
      ]),
    ).toBeNull()
    expect(fitTempco([])).toBeNull()
  })
})

describe('tempcoChart', () => {
  const rows = sweep(50).flatMap(({ x, y }) => [
    ...[0, 1, 2].map((k) => measurementRow({ parameter: 'vout', temperature: x + k * 0.01, value: y })),
    measurementRow({ parameter: 'vout_avg', temperature: x, value: y }),
  ])

  it('draws the readings, the averaged points and the dashed fit, with the slope', () => {
    const chart = tempcoChart(rows)
    expect(chart?.series.map((s) => [s.label, s.style, s.points.length])).toEqual([
      ['Readings', 'dots', 18],
      ['Averaged points', 'markers', 6],
      ['Least-squares fit', 'dashed', 2],
    ])
    expect(chart?.annotation).toBe('Slope 50.00 ppm/°C')
    expect(chart?.fittedTo).toBe('averaged points')
    expect(chart?.temperatureRange).toEqual([-40, 85.02])
  })

  it('fits the raw readings without two averaged points, and prints a negative slope with a minus sign', () => {
    const raw = sweep(-30).map(({ x, y }) => measurementRow({ parameter: 'v_out', temperature: x, value: y }))
    const chart = tempcoChart(raw)
    expect(chart?.fittedTo).toBe('readings')
    expect(chart?.annotation).toBe('Slope \u221230.00 ppm/°C')
  })

  it('is null with nothing to fit', () => {
    expect(tempcoChart([measurementRow({ parameter: 'iin' })])).toBeNull()
    expect(tempcoChart([measurementRow({ parameter: 'vout', temperature: null })])).toBeNull()
  })
})
