// `@dvt/reports/testing`: sample report data and the poppler checks the PDF tests use.
export { pdfInfoPages, pdfText } from './pdf-tools'
export type { SampleCampaignOptions } from './sample-campaign-summary'
export { sampleCampaignSummary } from './sample-campaign-summary'
export { sampleEvents, sampleLoadRegulationData, sampleRun, sampleTempcoData } from './sample-report-data'
export { storeSampleCampaign } from './store-sample-campaign'
