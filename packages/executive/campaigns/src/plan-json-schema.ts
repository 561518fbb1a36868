import { defaultRegistry, describeParameters, type TestRegistry } from '@dvt/framework'
import { z } from 'zod'
import { planSchema } from './plan-schema'
import { CAMPAIGN_SET_PARAMETERS, campaignTests } from './plan-steps-check'

/** The file editors validate plans against: `# yaml-language-server: $schema=plan.schema.json`. */
export const PLAN_SCHEMA_FILE = 'plans/plan.schema.json'

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> }

/**
 * Each step's `parameters` and `sweep` as its test takes them (the test's own zod schema, without the parameters
 * the campaign sets), so an editor completes and checks them: one `if test is … then …` per campaign test.
 */
function stepsByTest(registry: TestRegistry): JsonSchema[] {
  return campaignTests(registry).map((test) => {
    const all = describeParameters(test).properties ?? {}
    const own = Object.fromEntries(
      Object.entries(all).filter(([key]) => !(CAMPAIGN_SET_PARAMETERS as readonly string[]).includes(key)),
    ) as Record<string, JsonSchema>
    const swept = Object.fromEntries(
      Object.entries(own).map(([key, value]) => [key, { type: 'array', items: value, minItems: 1 }]),
    )
    return {
      if: { properties: { test: { const: test.name } }, required: ['test'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword (the object is data, never awaited)
      then: {
        properties: {
          parameters: { type: 'object', properties: own, additionalProperties: false },
          sweep: { type: 'object', properties: swept, additionalProperties: false },
        },
      },
    }
  })
}

/**
 * The plan's JSON Schema (what a plan file may say; defaults filled in are optional), generated from the zod schema
 * and the test library's parameter schemas.
 */
export function planJsonSchema(registry: TestRegistry = defaultRegistry): Record<string, unknown> {
  const schema = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema
  const steps = schema.properties?.steps as { items: JsonSchema } | undefined
  if (steps) {
    const names = campaignTests(registry).map((t) => t.name)
    const item = steps.items
    item.properties = { ...item.properties, test: { ...item.properties?.test, enum: names } }
    item.allOf = stepsByTest(registry)
  }
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
