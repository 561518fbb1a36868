import type { MeasurementRow } from '@dvt/storage/records'

/** The columns of a measurement row that a chart needs (from Arrow, or from a live run's `measurement` events). */
export type SeriesRow = Pick<
  MeasurementRow,
  'simTime' | 'parameter' | 'value' | 'unit' | 'temperature' | 'inputVoltage' | 'loadCurrent'
>

export interface Series {
  parameter: string
  unit: string
  xLabel: string
  xUnit: string
  points: Array<{ x: number; y: number }>
}

type XKey = 'temperature' | 'inputVoltage' | 'loadCurrent' | 'simTime'

const axes: Array<{ key: XKey; label: string; unit: string }> = [
  { key: 'temperature', label: 'Temperature', unit: '°C' },
  { key: 'inputVoltage', label: 'Input voltage', unit: 'V' },
  { key: 'loadCurrent', label: 'Load current', unit: 'A' },
  { key: 'simTime', label: 'Sim time', unit: 's' },
]

function varies(rows: SeriesRow[], key: XKey): boolean {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const r of rows) {
    const v = r[key]
    if (v === null) return false
    if (v < min) min = v
    if (v > max) max = v
  }
  return max - min > 1e-9 * Math.max(1, Math.abs(max))
}

/** Evenly thins a series so a chart stays responsive. */
function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items
  const step = items.length / max
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!)
}

/**
 * One chart series per measured parameter, plotted against its natural x: temperature if it varies, else input
 * voltage, else load current, else simulated time.
 */
export function seriesByParameter(rows: SeriesRow[], maxPoints = 2000): Series[] {
  const groups = new Map<string, SeriesRow[]>()
  for (const row of rows) {
    const group = groups.get(row.parameter)
    if (group) group.push(row)
    else groups.set(row.parameter, [row])
  }
  return [...groups].map(([parameter, group]) => {
    const axis = axes.find((a) => a.key === 'simTime' || varies(group, a.key)) ?? axes[3]!
    const points = group.map((r) => ({ x: r[axis.key] as number, y: r.value })).sort((a, b) => a.x - b.x)
    return {
      parameter,
      unit: group[0]?.unit ?? '',
      xLabel: axis.label,
      xUnit: axis.unit,
      points: thin(points, maxPoints),
    }
  })
}
