import { chartInk } from '../palette'

/** What a legend entry shows beside its text. */
export type LegendKind = 'dots' | 'markers' | 'line-markers' | 'line' | 'dashed' | 'band' | 'bar' | 'limit'

export interface LegendItem {
  label: string
  color: string
  kind: LegendKind
}

/** A legend entry with its position (the left of its sample, the centre line of its row). */
export interface PlacedLegendItem extends LegendItem {
  x: number
  y: number
}

const rowHeight = 14
const firstRowY = 12
/** Approximate advance of a 9 px DejaVu Sans character; the legend is laid out without measuring text. */
const charWidth = 5.6
const sampleWidth = 26

const itemWidth = (item: LegendItem): number => sampleWidth + item.label.length * charWidth

/**
 * Lays the entries out right-aligned in rows above the plot, from `right` leftwards; the first row keeps clear of
 * `reservedLeft` (the annotation). Returns the entries with positions and the number of rows.
 */
export function placeLegend(
  items: readonly LegendItem[],
  left: number,
  right: number,
  reservedLeft: number,
): { items: PlacedLegendItem[]; rows: number } {
  const rows: LegendItem[][] = []
  let row: LegendItem[] = []
  let used = 0
  for (const item of items) {
    const limit = right - (rows.length === 0 ? Math.max(left, reservedLeft) : left)
    if (row.length > 0 && used + itemWidth(item) > limit) {
      rows.push(row)
      row = []
      used = 0
    }
    row.push(item)
    used += itemWidth(item)
  }
  if (row.length > 0) rows.push(row)
  const placed: PlacedLegendItem[] = []
  rows.forEach((entries, r) => {
    let x = right
    for (const item of [...entries].reverse()) {
      x -= itemWidth(item)
      placed.push({ ...item, x, y: firstRowY + r * rowHeight })
    }
  })
  return { items: placed, rows: rows.length }
}

/** Height the legend rows take above the plot. */
export const legendHeight = (rows: number): number => (rows === 0 ? 0 : firstRowY + (rows - 1) * rowHeight + 8)

function Sample(props: { item: PlacedLegendItem }) {
  const { x, y, color, kind } = props.item
  switch (kind) {
    case 'dots':
      return <circle cx={x + 9} cy={y} r={2.2} fill={color} fillOpacity={0.6} />
    case 'markers':
      return <circle cx={x + 9} cy={y} r={3.4} fill="#ffffff" stroke={color} strokeWidth={1.7} />
    case 'band':
    case 'bar':
      return (
        <rect
          x={x + 2}
          y={y - 4.5}
          width={14}
          height={9}
          fill={color}
          fillOpacity={kind === 'band' ? 0.15 : 0.75}
          stroke={color}
          strokeWidth={0.8}
        />
      )
    default: {
      const dash = kind === 'dashed' || kind === 'limit' ? '5 3' : undefined
      return (
        <g>
          <line x1={x} y1={y} x2={x + 18} y2={y} stroke={color} strokeWidth={1.8} strokeDasharray={dash} />
          {kind === 'line-markers' && (
            <circle cx={x + 9} cy={y} r={3} fill="#ffffff" stroke={color} strokeWidth={1.5} />
          )}
        </g>
      )
    }
  }
}

/** The placed legend entries: a sample of each and its text. */
export function Legend(props: { items: readonly PlacedLegendItem[] }) {
  return (
    <g className="chart-legend">
      {props.items.map((item, i) => (
        <g key={i}>
          <Sample item={item} />
          <text x={item.x + 22} y={item.y + 3.5} fontSize={9} fill={chartInk.text}>
            {item.label}
          </text>
        </g>
      ))}
    </g>
  )
}
