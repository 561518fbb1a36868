import type { LimitBand, XyChartSpec, XyPoint, XySeries } from './chart-spec'
import { seriesColor } from './palette'

/** One DUT's curve: its serial and its points (x and y in display units). */
export interface DutCurve {
  serial: string
  points: readonly XyPoint[]
}

export interface LotChartOptions {
  xLabel: string
  yLabel: string
  /** The pass region of y (the parameter's limits). */
  limits?: LimitBand
  /** Up to this many DUTs get a legend entry and a colour each; more are drawn in one colour. Default 8. */
  maxNamed?: number
  annotation?: string
}

/**
 * A parameter against a condition for every DUT of a lot (V_out vs temperature of 32 parts), one line with markers
 * per DUT, inside its limit band. A few DUTs are named in the legend; a lot is drawn as plain lines in one colour with
 * one legend entry ("32 DUTs").
 */
export function lotChart(duts: readonly DutCurve[], options: LotChartOptions): XyChartSpec {
  const named = duts.length <= (options.maxNamed ?? 8)
  const series: XySeries[] = duts.map((dut, i) => ({
    label: named ? dut.serial : i === 0 ? `${duts.length} DUTs` : '',
    points: [...dut.points].sort((a, b) => a.x - b.x),
    style: named ? 'line-markers' : 'line',
    color: named ? seriesColor(i) : seriesColor(0),
  }))
  return {
    xLabel: options.xLabel,
    yLabel: options.yLabel,
    series,
    band: options.limits ? { label: 'Limits', ...options.limits } : undefined,
    annotation: options.annotation,
  }
}
