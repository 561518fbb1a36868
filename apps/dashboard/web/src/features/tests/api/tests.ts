import { getJson, postJson } from '../../../lib/api-client'

/** The JSON Schema subset the parameter forms understand. */
export interface JsonSchema {
  type?: string | string[]
  description?: string
  title?: string
  default?: unknown
  enum?: unknown[]
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: string[]
}

export interface TestInfo {
  name: string
  description: string
  parameters: JsonSchema
}

export interface StartRunBody {
  test: string
  parameters: Record<string, unknown>
  serial?: string
  operator?: string
  description?: string
  /** The bench of the fleet to run on; without it, the dashboard's own. */
  bench?: string
}

export function listTests(): Promise<{ tests: TestInfo[] }> {
  return getJson('/api/tests')
}

export function startRun(body: StartRunBody): Promise<{ id: string }> {
  return postJson('/api/runs', body)
}

export function abortRun(id: string): Promise<{ aborted: boolean }> {
  return postJson(`/api/runs/${encodeURIComponent(id)}/abort`, {})
}
