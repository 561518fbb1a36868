/** A point of a chart, in display units. */
export interface XyPoint {
  x: number
  y: number
}

/**
 * How a series is drawn: small translucent dots (raw readings), open markers (averaged points), markers joined by a
 * line, a plain line, a dashed line (a fit).
 */
export type SeriesStyle = 'dots' | 'markers' | 'line-markers' | 'line' | 'dashed'

export interface XySeries {
  /** Legend text; an empty label keeps the series out of the legend (one DUT among many). */
  label: string
  points: readonly XyPoint[]
  style: SeriesStyle
  /** A CSS colour; default the palette colour of the series' position. */
  color?: string
}

/**
 * The pass region between two limits of y, shaded, its edges dashed. A missing limit (one-sided: `upper` only)
 * leaves that side open to the edge of the plot.
 */
export interface LimitBand {
  lower: number | null
  upper: number | null
  /** Legend text of the band, e.g. "Limits". */
  label?: string
}

/** A straight line across the plot at one value of x or y (a limit, a setpoint, the mean), with a short label. */
export interface ReferenceLine {
  axis: 'x' | 'y'
  value: number
  label?: string
  color?: string
}

/** What an {@link XyChart} draws, apart from its size. */
export interface XyChartSpec {
  /** Axis titles with their unit, e.g. "Chamber temperature (°C)". */
  xLabel: string
  yLabel: string
  series: readonly XySeries[]
  band?: LimitBand
  referenceLines?: readonly ReferenceLine[]
  /** A short bold note at the top left, e.g. the fitted slope. */
  annotation?: string
}

/** One bar of a histogram: the count of values in [x0, x1). */
export interface HistogramBin {
  x0: number
  x1: number
  count: number
}

/** What a {@link HistogramChart} draws, apart from its size. */
export interface HistogramSpec {
  /** The parameter with its unit, e.g. "Tempco (ppm/°C)". */
  xLabel: string
  /** Default "Count". */
  yLabel?: string
  bins: readonly HistogramBin[]
  /** Lower and upper specification limits, drawn as labelled vertical lines (LSL, USL). */
  lower?: number | null
  upper?: number | null
  /** Process capability printed at the top left ("Cpk 1.33"); null or NaN prints "Cpk —". Omitted: no label. */
  cpk?: number | null
  /** Printed after the Cpk label, e.g. "n = 32". */
  annotation?: string
  /** Legend text of the bars, e.g. "DUTs"; default none. */
  label?: string
  color?: string
}

/** Fixed size of a chart in CSS pixels: static rendering has no container to measure. */
export interface ChartSize {
  width: number
  height: number
}
