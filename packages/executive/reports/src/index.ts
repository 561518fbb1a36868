export { chromiumFlags, defaultChromiumPath } from './chromium'
export type { ReportData, ReportSubject } from './report-data'
export {
  defaultCampaignReportFileName,
  defaultReportFileName,
  loadComparisonReportData,
  loadReportData,
  resolveReportSubject,
} from './report-data'
export type { ReportErrorCode } from './report-error'
export { ReportError } from './report-error'
export type { RenderResult, ReportRenderer, ReportRendererOptions } from './report-renderer'
export { createReportRenderer, reportRendererOptions } from './report-renderer'
