import { measurementRow } from '@dvt/storage/testing'
import { describe, expect, it } from 'vitest'
import { displayUnit } from './display-unit'
import { measurementChart, measurementCharts, naturalAxis } from './measurement-charts'
import { runCharts } from './run-charts'

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
  })

  it('draws a sweep repeated at a few temperatures against the swept quantity', () => {
    const sweepAtThreeTemperatures = [-40, 25, 85].flatMap((temperature) =>
      [4, 6].map((inputVoltage) => measurementRow({ temperature, inputVoltage })),
    )
    expect(naturalAxis(sweepAtThreeTemperatures).key).toBe('inputVoltage')
  })
})

describe('the charts of a board-wide run', () => {
  it('chart each socket’s readings under its name, without the averages beside them', () => {
    const rows = [1, 2].flatMap((socket) =>
      [0, 0.5].flatMap((loadCurrent) => [
        measurementRow({ parameter: `vout_s${socket}`, loadCurrent, value: 3.3 - 0.05 * loadCurrent }),
        measurementRow({ parameter: `vout_avg_s${socket}`, loadCurrent, value: 3.3 - 0.05 * loadCurrent }),
      ]),
    )
    const charts = measurementCharts(rows)
    expect(charts.map((c) => c.parameter)).toEqual(['vout_s1', 'vout_s2'])
    expect(charts.map((c) => c.title)).toEqual([
      'Output voltage, socket 1 vs load current',
      'Output voltage, socket 2 vs load current',
    ])
  })
})

describe('measurementChart', () => {
  it('scales units for reading (A → mA) and collapses repeated readings to one mean per step', () => {
    const rows = [0, 0.25, 0.5].flatMap((loadCurrent) =>
      [0, 1, 2].map((k) => measurementRow({ loadCurrent, value: 3.3 - 0.05 * loadCurrent + k * 1e-6 })),
    )
    const chart = measurementChart('vout', rows)
    expect(chart).toMatchObject({
      kind: 'measurement',
      title: 'Output voltage vs load current',
      xLabel: 'Load current (mA)',
      yLabel: 'Output voltage (V)',
      readings: 9,
      perTemperature: false,
    })
    expect(chart.series.map((s) => [s.label, s.style, s.points.length])).toEqual([
      ['Readings', 'dots', 9],
      ['Mean per step', 'line-markers', 3],
    ])
    expect(chart.series[1]?.points.map((p) => p.x)).toEqual([0, 250, 500])
  })

  it('names one series per chamber temperature, with a typographic minus', () => {
    const rows = [-40, 25, 85].flatMap((temperature) =>
      [5, 4, 3.6].map((inputVoltage) => measurementRow({ temperature, inputVoltage })),
    )
    const chart = measurementChart('vout', rows)
    expect(chart.perTemperature).toBe(true)
    expect(chart.series.map((s) => s.label)).toEqual(['\u221240 °C', '25 °C', '85 °C'])
    expect(new Set(chart.series.map((s) => s.color)).size).toBe(3)
  })

  it('draws a continuous trace as a line against time in minutes', () => {
    const rows = Array.from({ length: 200 }, (_, i) => measurementRow({ simTime: i * 5, value: i }))
    const chart = measurementChart('tj', rows)
    expect(chart.xLabel).toBe('Time since start (min)')
    expect(chart.series).toHaveLength(1)
    expect(chart.series[0]?.style).toBe('line')
  })
})

describe('measurementCharts and runCharts', () => {
  it('charts each parameter once, skips the averaged companion and non-finite values, at most six', () => {
    const rows = [
      measurementRow({ parameter: 'vout', temperature: -40 }),
      measurementRow({ parameter: 'vout', temperature: 85 }),
      measurementRow({ parameter: 'vout_avg', temperature: 85 }),
      measurementRow({ parameter: 'iin', value: Number.NaN }),
      ...Array.from({ length: 8 }, (_, i) => measurementRow({ parameter: `p${i}` })),
    ]
    const charts = measurementCharts(rows)
    expect(charts.map((c) => c.parameter)).toEqual(['vout', 'p0', 'p1', 'p2', 'p3', 'p4'])
  })

  it('gives a tempco run its fit chart, and falls back to the measured curves without two temperatures', () => {
    const rows = [-40, 25, 85].map((temperature) => measurementRow({ parameter: 'vout_avg', temperature }))
    expect(runCharts('tempco', rows).map((c) => c.kind)).toEqual(['tempco'])
    expect(runCharts('tempco', rows.slice(0, 1)).map((c) => c.kind)).toEqual(['measurement'])
    expect(runCharts('dropout', rows).map((c) => c.kind)).toEqual(['measurement'])
  })
})

describe('displayUnit', () => {
  it('scales volts, amperes and watts to a readable prefix', () => {
    expect(displayUnit('A', 0.5)).toEqual({ unit: 'mA', factor: 1e3 })
    expect(displayUnit('A', 4.2e-5)).toEqual({ unit: '\u00b5A', factor: 1e6 })
    expect(displayUnit('V', 3.3)).toEqual({ unit: 'V', factor: 1 })
    expect(displayUnit('ppm/\u00b0C', 0.2)).toEqual({ unit: 'ppm/\u00b0C', factor: 1 })
  })
})
