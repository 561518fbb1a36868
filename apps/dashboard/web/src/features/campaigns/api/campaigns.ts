import type { CampaignRecord, CampaignSummary } from '@dvt/storage/records'
import { ApiError, apiFetch, getJson, postJson, toQuery } from '../../../lib/api-client'
import { downloadFile } from '../../../lib/download'

export type { CampaignPoint, CampaignRecord, CampaignStatistic, CampaignSummary } from '@dvt/storage/records'

/** A plan file of the server's plans directory, validated (GET /api/plans). */
export interface PlanFileInfo {
  file: string
  path: string
  name: string | null
  description: string | null
  problems: string[]
  text: string
}

/** A plan as given on the page: a file of plans/ or pasted YAML, with `key=value` overrides. */
export interface PlanChoice {
  plan?: string
  yaml?: string
  set: string[]
}

export type PlanCheck = { valid: true; name: string; description: string } | { valid: false; problems: string[] }

export function listPlans(): Promise<{ plans: PlanFileInfo[] }> {
  return getJson('/api/plans')
}

/** Validates a plan on the server: a 422 is an answer (the problems, one sentence each with its line). */
export async function checkPlan(choice: PlanChoice): Promise<PlanCheck> {
  const response = await fetch('/api/plans/validate', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(choice),
  })
  const body = (await response.json().catch(() => ({}))) as { error?: string; problems?: string[] } & PlanCheck
  if (response.status === 422) return { valid: false, problems: body.problems ?? [body.error ?? 'invalid plan'] }
  if (!response.ok) throw new ApiError(response.status, body.error ?? `${response.status} ${response.statusText}`)
  return body
}

/** Starts a campaign on the dashboard's own bench, or on `bench` of the fleet. */
export function startCampaign(choice: PlanChoice & { operator?: string; bench?: string }): Promise<{ id: string }> {
  return postJson('/api/campaigns', choice)
}

export function listCampaigns(query: { limit?: number; offset?: number } = {}) {
  return getJson<{ campaigns: CampaignRecord[]; total: number }>(`/api/campaigns${toQuery(query)}`)
}

export function getCampaign(id: string): Promise<CampaignSummary> {
  return getJson(`/api/campaigns/${encodeURIComponent(id)}`)
}

export async function abortCampaign(id: string): Promise<void> {
  await apiFetch(`/api/campaigns/${encodeURIComponent(id)}/abort`, { method: 'POST' })
}

export function resumeCampaign(id: string): Promise<{ id: string }> {
  return postJson(`/api/campaigns/${encodeURIComponent(id)}/resume`, {})
}

export function downloadCampaignReport(id: string): Promise<void> {
  return downloadFile(`/api/campaigns/${encodeURIComponent(id)}/report.pdf`, `campaign_${id.slice(0, 8)}.pdf`)
}
