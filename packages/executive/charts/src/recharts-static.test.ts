import { createElement as h } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { Line, LineChart, XAxis, YAxis } from 'recharts'
import { describe, expect, it } from 'vitest'

// Why this package draws with visx and not Recharts (docs/adr/0006-one-chart-library.md): Recharts 3 collects its
// axes, data and size in effects, which do not run under react-dom/server, so a chart with a fixed size and no
// animation renders as an empty wrapper. Should a Recharts upgrade make this fail, the ADR is worth revisiting.
describe('Recharts under react-dom/server (the premise of ADR 0006)', () => {
  it('renders a fixed-size, non-animated LineChart without any SVG', () => {
    const data = [-40, 25, 85].map((t) => ({ t, v: 3.295 + t * 1.6e-4 }))
    const html = renderToStaticMarkup(
      h(
        LineChart,
        { width: 600, height: 300, data },
        h(XAxis, { dataKey: 't', type: 'number' }),
        h(YAxis, {}),
        h(Line, { dataKey: 'v', isAnimationActive: false }),
      ),
    )
    expect(html).toContain('recharts-wrapper')
    expect(html).not.toContain('<svg')
  })
})
