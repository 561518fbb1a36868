import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { XyChartSpec, XySeries } from './chart-spec'
import { XyChart, xyLayout } from './xy-chart'

const size = { width: 600, height: 260 }
const render = (spec: XyChartSpec, extra: Record<string, unknown> = {}) =>
  renderToStaticMarkup(createElement(XyChart, { ...spec, ...size, ...extra }))
const line = (label: string, ys: number[], style: XySeries['style'] = 'line-markers'): XySeries => ({
  label,
  style,
  points: ys.map((y, i) => ({ x: -40 + i * 25, y })),
})
/** Text nodes of the SVG, in document order. */
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')

describe('XyChart rendered with react-dom/server', () => {
  const spec: XyChartSpec = {
    xLabel: 'Chamber temperature (°C)',
    yLabel: 'Output voltage (V)',
    series: [line('Averaged points', [3.284, 3.2875, 3.291, 3.295, 3.299, 3.3045])],
    annotation: 'Slope 50.02 ppm/°C',
  }

  it('is a complete SVG of the given size: axes with ticks, titles, legend and annotation as text', () => {
    const svg = render(spec)
    expect(svg).toMatch(/^<svg [^>]*width="600" height="260" viewBox="0 0 600 260"/)
    expect(svg.endsWith('</svg>')).toBe(true)
    const t = texts(svg)
    expect(t).toEqual(expect.arrayContaining(['Chamber temperature (°C)', 'Output voltage (V)', 'Averaged points']))
    expect(t).toContain('Slope 50.02 ppm/°C')
    // x ticks every 20 °C with a typographic minus, y ticks with the decimals of their step.
    expect(t).toEqual(expect.arrayContaining(['\u221240', '\u221220', '0', '20', '40', '60', '80']))
    expect(t).toEqual(expect.arrayContaining(['3.285', '3.290', '3.295', '3.300']))
    expect(svg.match(/class="chart-markers"[^>]*>(.*?)<\/g>/)?.[1]?.match(/<circle /g)).toHaveLength(6)
    expect(svg).toMatch(/<path [^>]*d="M/)
    expect(svg).not.toContain('NaN')
  })

  it('shades the limit band and draws its edges, and brings the limits into the axis range', () => {
    const svg = render({ ...spec, band: { lower: 3.234, upper: 3.366, label: 'Limits' } })
    expect(svg).toContain('class="chart-band"')
    expect(svg.match(/class="chart-band">(.*?)<\/g>/)?.[1]?.match(/stroke-dasharray="4 3"/g)).toHaveLength(2)
    expect(texts(svg)).toContain('Limits')
    const { y } = xyLayout({ ...spec, band: { lower: 3.234, upper: 3.366 } }, size)
    expect(y.domain[0]).toBeLessThan(3.234)
    expect(y.domain[1]).toBeGreaterThan(3.366)
  })

  it('draws a one-sided band from the limit to the edge of the plot', () => {
    const layout = xyLayout({ ...spec, band: { lower: null, upper: 3.31 } }, size)
    const svg = render({ ...spec, band: { lower: null, upper: 3.31 } })
    const rect = /class="chart-band"><rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/.exec(svg)
    expect(Number(rect?.[2])).toBeCloseTo(layout.y.scale(3.31), 6)
    expect(Number(rect?.[2]) + Number(rect?.[3])).toBeCloseTo(layout.plot.bottom, 6)
  })

  it('labels reference lines and keeps series without a label out of the legend', () => {
    const svg = render({
      ...spec,
      series: [line('', [1, 2, 3]), line('', [2, 3, 4]), line('Mean', [1.5, 2.5, 3.5], 'dashed')],
      referenceLines: [
        { axis: 'y', value: 4.5, label: 'USL 4.5' },
        { axis: 'x', value: 0, label: 'T = 0 °C' },
      ],
    })
    const t = texts(svg)
    expect(t).toEqual(expect.arrayContaining(['USL 4.5', 'T = 0 °C', 'Mean']))
    expect(svg.match(/class="chart-legend">(.*?)<\/g><\/g>/)?.[0]?.match(/<text /g)).toHaveLength(1)
  })

  it('draws several conditions as labelled series in distinct colours (dropout vs temperature at each load)', () => {
    const temperatures = [-40, 25, 85, 125]
    const series: XySeries[] = [0.1, 0.3].map((load) => ({
      label: `${load * 1000} mA`,
      style: 'line-markers',
      points: temperatures.map((t) => ({ x: t, y: load * 1.2 * ((t + 273.15) / 300) ** 1.5 })),
    }))
    const svg = render({ xLabel: 'Junction temperature (°C)', yLabel: 'Dropout voltage (V)', series })
    expect(texts(svg)).toEqual(expect.arrayContaining(['100 mA', '300 mA', '\u221240', '120']))
    expect(svg.match(/<path /g)).toHaveLength(2)
    const strokes = [...svg.matchAll(/<g [^>]*stroke="([^"]+)"[^>]*class="chart-markers"/g)].map((m) => m[1])
    expect(new Set(strokes).size).toBe(2)
  })

  it('escapes every text it prints', () => {
    const svg = render({
      xLabel: '<x>',
      yLabel: 'a&b',
      annotation: '"quoted"',
      series: [{ label: '<script>alert(1)</script>', style: 'line', points: line('', [0, 1]).points }],
    })
    expect(svg).not.toContain('<script>')
    expect(svg).not.toContain('<x>')
    expect(svg).toContain('&lt;script&gt;')
    expect(svg).toContain('a&amp;b')
    expect(svg).toContain('&quot;quoted&quot;')
  })

  it('thins a very long series to a bounded number of drawn points', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => ({ x: i, y: Math.sin(i / 1000) }))
    const svg = render({ xLabel: 'x', yLabel: 'y', series: [{ label: 's', points, style: 'dots' }] })
    const drawn = svg.match(/class="chart-dots">(.*?)<\/g>/)?.[1]?.match(/<circle /g)?.length ?? 0
    expect(drawn).toBeGreaterThan(1000)
    expect(drawn).toBeLessThanOrEqual(1501)
  })

  it('draws a constant series and an empty chart without NaN', () => {
    expect(render({ ...spec, series: [line('flat', [3.3, 3.3, 3.3])] })).not.toContain('NaN')
    const empty = render({ xLabel: 'x', yLabel: 'y', series: [] })
    expect(empty).toMatch(/^<svg /)
    expect(empty).not.toContain('NaN')
  })

  it('marks and labels a highlighted point (the dashboard read-out)', () => {
    const svg = render(spec, { highlight: { point: { x: 25, y: 3.295 }, label: '25 °C · 3.295 V' } })
    expect(svg).toContain('class="chart-highlight"')
    expect(texts(svg)).toContain('25 °C · 3.295 V')
  })

  it('wraps a long legend into more rows and moves the plot down for them', () => {
    const many = Array.from({ length: 12 }, (_, i) => line(`Serial LDO-${i}`, [1, 2, 3]))
    const one = xyLayout({ ...spec, series: many.slice(0, 1) }, size)
    const wrapped = xyLayout({ ...spec, series: many }, size)
    expect(new Set(wrapped.legend.map((item) => item.y)).size).toBeGreaterThan(1)
    expect(wrapped.plot.top).toBeGreaterThan(one.plot.top)
    for (const item of wrapped.legend) expect(item.x).toBeGreaterThanOrEqual(one.plot.left)
  })
})
