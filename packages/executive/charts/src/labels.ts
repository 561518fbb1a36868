// `@dvt/charts/labels`: how a campaign's characteristics are printed — conditions, numbers, limits, parameter
// names — without the chart components (no React, no visx): the CLI's table, the PDF's and the dashboard's say it alike.
export { conditionsLabel } from './conditions-label'
export { formatCharacteristic, formatLimits, formatNumber } from './format-number'
export { parameterLabel } from './parameter-label'
