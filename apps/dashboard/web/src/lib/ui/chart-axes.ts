// The frame every x–y chart of the web app shares: margins, grid, numeric axes.

export const chartMargin = { top: 8, right: 16, bottom: 16, left: 8 }

export const chartGrid = { stroke: '#e2e8f0', strokeDasharray: '3 3' }

/** A numeric x axis on the points' `x`, in `unit`. */
export function xAxisProps(unit: string) {
  return { dataKey: 'x', type: 'number' as const, domain: ['auto', 'auto'], unit: ` ${unit}`, tick: { fontSize: 11 } }
}

/** A numeric y axis on the points' `y`, ticks to six significant digits. */
export const yAxisProps = {
  dataKey: 'y',
  type: 'number' as const,
  domain: ['auto', 'auto'],
  tick: { fontSize: 11 },
  width: 84,
  tickFormatter: (v: number) => Number(v.toPrecision(6)).toString(),
}
