import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { type DutCurve, lotChart } from './lot-chart'
import { XyChart } from './xy-chart'

const duts = (n: number): DutCurve[] =>
  Array.from({ length: n }, (_, i) => ({
    serial: `LOT24-07-${String(i + 1).padStart(2, '0')}`,
    points: [125, -40, 85, 25].map((x) => ({ x, y: 3.295 * (1 + (40 + i) * 1e-6 * (x - 25)) })),
  }))
const options = { xLabel: 'Temperature (°C)', yLabel: 'Output voltage (V)', limits: { lower: 3.234, upper: 3.366 } }

describe('lotChart', () => {
  it('names a few DUTs in the legend, each in its colour, points in order of x', () => {
    const spec = lotChart(duts(3), options)
    expect(spec.series.map((s) => s.label)).toEqual(['LOT24-07-01', 'LOT24-07-02', 'LOT24-07-03'])
    expect(new Set(spec.series.map((s) => s.color)).size).toBe(3)
    expect(spec.series[0]?.points.map((p) => p.x)).toEqual([-40, 25, 85, 125])
    expect(spec.band).toEqual({ label: 'Limits', lower: 3.234, upper: 3.366 })
  })

  it('draws a lot of 32 as 32 lines in one colour with one legend entry, inside the limit band', () => {
    const spec = lotChart(duts(32), options)
    expect(spec.series.map((s) => s.label).filter((l) => l !== '')).toEqual(['32 DUTs'])
    expect(new Set(spec.series.map((s) => s.color)).size).toBe(1)
    const svg = renderToStaticMarkup(createElement(XyChart, { ...spec, width: 680, height: 300 }))
    expect(svg.match(/<path /g)).toHaveLength(32)
    expect(svg).toContain('class="chart-band"')
    expect(svg).toContain('>32 DUTs<')
  })
})
