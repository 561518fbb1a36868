import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { HistogramSpec } from './chart-spec'
import { histogramBins } from './histogram-bins'
import { cpkLabel, HistogramChart } from './histogram-chart'

const render = (spec: HistogramSpec) =>
  renderToStaticMarkup(createElement(HistogramChart, { ...spec, width: 600, height: 260 }))
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '')
const bars = (svg: string) =>
  [
    ...(svg.match(/class="chart-bars">(.*?)<\/g>/)?.[1] ?? '').matchAll(
      /<rect [^>]*x="([\d.]+)"[^>]*width="([\d.]+)"/g,
    ),
  ].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }))

describe('histogramBins', () => {
  it('counts every finite value once in equal-width bins', () => {
    const values = [1, 2, 2, 3, 3, 3, 4, 4, 5, Number.NaN, Number.POSITIVE_INFINITY]
    const bins = histogramBins(values, { bins: 4 })
    expect(bins).toHaveLength(4)
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(9)
    expect(bins[0]?.x0).toBe(1)
    expect(bins[3]?.x1).toBe(5)
    expect(bins.map((b) => b.count)).toEqual([1, 2, 3, 3])
  })

  it('picks √n bins within 5…30, and bins a constant set around its value', () => {
    expect(histogramBins(Array.from({ length: 100 }, (_, i) => i))).toHaveLength(10)
    expect(histogramBins([1, 2, 3])).toHaveLength(5)
    const constant = histogramBins([50, 50, 50])
    expect(constant.reduce((n, b) => n + b.count, 0)).toBe(3)
    expect(constant[0]?.x0).toBeLessThan(50)
    expect(histogramBins([])).toEqual([])
  })
})

describe('HistogramChart rendered with react-dom/server', () => {
  const values = Array.from({ length: 32 }, (_, i) => 50 + 8 * Math.sin(i * 1.7))
  const spec: HistogramSpec = {
    xLabel: 'Tempco (ppm/°C)',
    bins: histogramBins(values, { bins: 8 }),
    lower: 0,
    upper: 100,
    cpk: 1.734,
    annotation: 'n = 32',
    label: 'DUTs',
  }

  it('draws one bar per non-empty bin on a numeric x axis, heights proportional to the counts', () => {
    const svg = render(spec)
    const drawn = bars(svg)
    const nonEmpty = spec.bins.filter((b) => b.count > 0)
    expect(drawn).toHaveLength(nonEmpty.length)
    // Numeric x: equal-width bins are bars of equal width, placed in the order of their x0.
    for (let i = 1; i < drawn.length; i++) expect(drawn[i]!.x).toBeGreaterThan(drawn[i - 1]!.x)
    expect(new Set(drawn.map((b) => b.width.toFixed(3))).size).toBe(1)
    expect(texts(svg)).toEqual(expect.arrayContaining(['0', '20', '40', '60', '80', '100']))
  })

  it('draws the limits as labelled lines and prints the Cpk', () => {
    const t = texts(render(spec))
    expect(t).toEqual(expect.arrayContaining(['LSL 0', 'USL 100', 'Cpk 1.73 \u00b7 n = 32', 'DUTs', 'Limits']))
    expect(t).toContain('Tempco (ppm/°C)')
    expect(t).toContain('Count')
  })

  it('has whole-number count ticks only', () => {
    const few = render({
      xLabel: 'x',
      bins: [
        { x0: 0, x1: 1, count: 1 },
        { x0: 1, x1: 2, count: 2 },
      ],
    })
    // The y tick labels are the right-aligned texts.
    const yTicks = [...few.matchAll(/<text [^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => Number(m[1]))
    expect(yTicks).toEqual([0, 1, 2])
  })

  it('says when the Cpk could not be computed', () => {
    expect(cpkLabel(null)).toBe('Cpk \u2014')
    expect(cpkLabel(Number.NaN)).toBe('Cpk \u2014')
    expect(cpkLabel(-0.5)).toBe('Cpk \u22120.50')
    expect(texts(render({ ...spec, cpk: null, annotation: undefined }))).toContain('Cpk \u2014')
  })
})
