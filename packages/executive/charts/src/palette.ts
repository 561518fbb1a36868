/** Series colours, in order; the first is the reports' accent blue. */
export const chartPalette = ['#1f5fa8', '#d9822b', '#2e9a5e', '#8e44ad', '#c0392b', '#16a3b8'] as const

/** The palette colour of the series at position `i` (wraps around). */
export const seriesColor = (i: number): string => chartPalette[i % chartPalette.length] ?? chartPalette[0]

/** Colours of the chart furniture and of limits, shared by every chart. */
export const chartInk = {
  axis: '#4a5563',
  grid: '#e3e7ed',
  text: '#1d2430',
  limit: '#c0392b',
  band: '#2e9a5e',
} as const
