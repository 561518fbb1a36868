import { readoutAt, XyChart, type XyChartSpec, xyLayout } from '@dvt/charts'
import { type MouseEvent, useMemo, useState } from 'react'
import { useElementWidth } from '../use-element-width'

/**
 * A chart of `@dvt/charts` as wide as its panel, its title and a short note above it, and a read-out of the point
 * under the pointer. The PDF reports draw the same specs.
 */
export function ChartFigure(props: {
  spec: XyChartSpec & { title: string }
  about: string
  testId: string
  height?: number
}) {
  const { spec, about, height = 240 } = props
  const { ref, width } = useElementWidth<HTMLElement>()
  const layout = useMemo(() => (width > 0 ? xyLayout(spec, { width, height }) : null), [spec, width, height])
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null)
  const highlight = layout && pointer ? readoutAt(spec, layout, pointer.x, pointer.y) : null
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect()
    setPointer({ x: e.clientX - box.left, y: e.clientY - box.top })
  }
  return (
    <figure className="chart-figure" data-testid={props.testId} ref={ref}>
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
