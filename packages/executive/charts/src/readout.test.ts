import { describe, expect, it } from 'vitest'
import type { XyChartSpec } from './chart-spec'
import { readoutAt } from './readout'
import { xyLayout } from './xy-chart'

const spec: XyChartSpec = {
  xLabel: 'Load current (mA)',
  yLabel: 'Output voltage (V)',
  series: [
    { label: 'Mean per step', style: 'line-markers', points: [0, 250, 500].map((x) => ({ x, y: 3.3 - x * 5e-5 })) },
    { label: 'Fit', style: 'dashed', points: [{ x: 250, y: 3.0 }] },
  ],
}
const layout = xyLayout(spec, { width: 600, height: 260 })

describe('readoutAt', () => {
  it('reads the nearest drawn point under the pointer, with the axis units', () => {
    const at = readoutAt(spec, layout, layout.x.scale(240), layout.y.scale(3.2875))
    expect(at?.point.x).toBe(250)
    expect(at?.point.y).toBeCloseTo(3.2875, 12)
    expect(at?.label).toBe('250 mA · 3.2875 V')
  })

  it('skips fitted lines and says nothing outside the plot', () => {
    expect(readoutAt(spec, layout, layout.x.scale(250), layout.y.scale(3.0))?.point.y).toBeCloseTo(3.2875, 12)
    expect(readoutAt(spec, layout, 2, 2)).toBeNull()
    expect(readoutAt({ ...spec, series: [] }, layout, layout.x.scale(250), layout.y.scale(3.2))).toBeNull()
  })
})
