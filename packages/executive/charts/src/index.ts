// `@dvt/charts`: the charts of the reports and the dashboard — React components drawn with visx, complete as
// static SVG (docs/adr/0006-one-chart-library.md), and the pure functions that turn measurements into them.

export type { CampaignChartInput, CampaignChartSpec } from './campaign-charts'
export { campaignCharts } from './campaign-charts'
export type {
  ChartSize,
  HistogramBin,
  HistogramSpec,
  LimitBand,
  ReferenceLine,
  SeriesStyle,
  XyChartSpec,
  XyPoint,
  XySeries,
} from './chart-spec'
export type { ComparisonChartSpec } from './comparison-charts'
export { comparisonChart, comparisonCharts } from './comparison-charts'
export { conditionsLabel } from './conditions-label'
export { displayUnit } from './display-unit'
export { formatCharacteristic, formatLimits, formatNumber } from './format-number'
export { histogramBins } from './histogram-bins'
export type { HistogramChartProps } from './histogram-chart'
export { cpkLabel, HistogramChart } from './histogram-chart'
export type { DutCurve, LotChartOptions } from './lot-chart'
export { lotChart } from './lot-chart'
export type { ChartRow, MeasurementAxis, MeasurementChartSpec } from './measurement-charts'
export { measurementChart, measurementCharts, naturalAxis } from './measurement-charts'
export { chartInk, chartPalette, seriesColor } from './palette'
export { parameterLabel } from './parameter-label'
export type { Readout } from './readout'
export { readoutAt } from './readout'
export type { RunChartSpec } from './run-charts'
export { runCharts } from './run-charts'
export type { TempcoChartSpec, TempcoFit } from './tempco-chart'
export { fitTempco, tempcoChart } from './tempco-chart'
export type { XyChartProps, XyLayout } from './xy-chart'
export { XyChart, xyLayout } from './xy-chart'
