// @dvt/campaigns: characterisation campaigns (docs/campaigns.md) — plan files, their points, the runner that takes a
// lot through every step at every temperature, derived parameters, lot statistics and method accuracy.
export type { CampaignErrorCode } from './campaign-error'
export { CampaignError, isCampaignError } from './campaign-error'
export type {
  BoardLoadedEvent,
  CampaignEvent,
  CampaignEventType,
  CampaignFinishedEvent,
  CampaignStartedEvent,
  DutFinishedEvent,
  LoadBoard,
  PointFinishedEvent,
  PointStartedEvent,
  TemperatureStartedEvent,
} from './campaign-events'
export { campaignStatistics, conditionsKey, cpk, methodAccuracy } from './campaign-statistics'
export type { CampaignSummary } from './campaign-summary'
export { loadCampaignSummary } from './campaign-summary'
export { deriveDutResults } from './derive'
export type { CampaignSource, DerivedParameter } from './derived-parameters'
export { CAMPAIGN_SOURCES, DERIVED_PARAMETERS } from './derived-parameters'
export { PLAN_SCHEMA_FILE, planJsonSchema, planJsonSchemaText } from './plan-json-schema'
export { limitsFor } from './plan-limits'
export type { PlanOverride } from './plan-overrides'
export { parseOverrides } from './plan-overrides'
export type { PlannedBoard, PlannedPoint } from './plan-points'
export { describePlan, expandPlan, lotMembers, planBoards, sweepPoints } from './plan-points'
export type { OnFail, Plan, PlanLimit, PlanLimits, PlanStep, RetryOn, SoakSettings } from './plan-schema'
export { limitSchema, ON_FAIL, planSchema, RETRY_ON } from './plan-schema'
export { CAMPAIGN_SET_PARAMETERS, campaignTests, isPerTemperatureTest } from './plan-steps-check'
export type { PlanIssue, PlanSource, PlanValidation, PlanValidationOptions } from './plan-validation'
export { loadPlan, validatePlan } from './plan-validation'
export type { CampaignOutcome, RunCampaignOptions } from './run-campaign'
export { runCampaign } from './run-campaign'
export type { TruthPoint } from './truth'
export { truthOf } from './truth'
