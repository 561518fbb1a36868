import { z } from 'zod'
import { planSchema } from './plan-schema'

/** The file editors validate plans against: `# yaml-language-server: $schema=plan.schema.json`. */
export const PLAN_SCHEMA_FILE = 'plans/plan.schema.json'

/** The plan's JSON Schema (what a plan file may say; defaults filled in are optional), generated from the zod schema. */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>
  return {
    ...schema,
    title: 'DVT Bench campaign plan',
    description: 'A characterisation campaign: a lot through every step at every temperature (docs/campaigns.md).',
  }
}

/** The text of plans/plan.schema.json, as `pnpm plan-schema` writes it. */
export function planJsonSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`
}
