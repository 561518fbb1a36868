/** One chart of a report: a heading, the inline SVG (already escaped) and a sentence under it. */
export interface ReportChart {
  title: string
  caption: string
  svg: string
}

/** Series colours, in order; the first is the report's accent blue. */
export const palette = ['#1f5fa8', '#d9822b', '#2e9a5e', '#8e44ad', '#c0392b', '#16a3b8'] as const

export const seriesColor = (i: number): string => palette[i % palette.length] ?? palette[0]
