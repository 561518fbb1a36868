import { type RunChartSpec, readoutAt, XyChart, xyLayout } from '@dvt/charts'
import { type MouseEvent, useMemo, useState } from 'react'
import { useElementWidth } from '../use-element-width'

const height = 240

/** A run's chart (the one its PDF report prints), as wide as its panel, with a read-out of the reading under the pointer. */
export function MeasurementChart(props: { spec: RunChartSpec }) {
  const { spec } = props
  const { ref, width } = useElementWidth<HTMLElement>()
  const layout = useMemo(() => (width > 0 ? xyLayout(spec, { width, height }) : null), [spec, width])
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null)
  const highlight = layout && pointer ? readoutAt(spec, layout, pointer.x, pointer.y) : null
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect()
    setPointer({ x: e.clientX - box.left, y: e.clientY - box.top })
  }
  const about =
    spec.kind === 'tempco'
      ? `slope ${spec.fit.ppmPerC.toFixed(2)} ppm/°C over ${spec.fit.n} ${spec.fittedTo}`
      : `${spec.readings} readings`
  return (
    <figure className="chart-figure" data-testid="measurement-chart" ref={ref}>
      <figcaption>
        <strong>{spec.title}</strong> · {about}
      </figcaption>
      {width > 0 && (
        // biome-ignore lint/a11y/noStaticElementInteractions: a hover read-out for mouse users; the SVG's title names the chart.
        <div onMouseMove={onMove} onMouseLeave={() => setPointer(null)}>
          <XyChart {...spec} width={width} height={height} highlight={highlight} />
        </div>
      )}
    </figure>
  )
}
