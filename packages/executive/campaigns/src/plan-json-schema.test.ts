import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PLAN_SCHEMA_FILE, planJsonSchemaText } from './plan-json-schema'

const root = resolve(import.meta.dirname, '../../../..')

describe('plans/plan.schema.json', () => {
  it('is the schema the zod plan schema generates today ("pnpm plan-schema" rewrites it)', () => {
    expect(readFileSync(join(root, PLAN_SCHEMA_FILE), 'utf8')).toBe(planJsonSchemaText())
  })

  it('describes the keys a plan has and requires the ones without defaults', () => {
    const schema = JSON.parse(planJsonSchemaText()) as { required: string[]; properties: Record<string, unknown> }
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['name', 'lot', 'sockets', 'temperatures_c', 'soak', 'steps', 'limits', 'variants']),
    )
    expect(schema.required.sort()).toEqual(['lot', 'name', 'sockets', 'steps', 'temperatures_c'])
  })

  it("gives each step's parameters and sweeps as its test takes them, without the campaign's own", () => {
    const schema = JSON.parse(planJsonSchemaText()) as {
      properties: { steps: { items: { properties: { test: { enum: string[] } }; allOf: Step[] } } }
    }
    type Step = {
      if: { properties: { test: { const: string } } }
      then: { properties: { parameters: Params; sweep: Params } }
    }
    type Params = { properties: Record<string, { type?: string; items?: unknown }>; additionalProperties: boolean }
    const items = schema.properties.steps.items
    expect(items.properties.test.enum).toEqual([
      'load_regulation',
      'line_regulation',
      'dropout',
      'output_voltage',
      'quiescent_current',
    ])
    const dropout = items.allOf.find((s) => s.if.properties.test.const === 'dropout')!.then.properties
    expect(dropout.parameters.additionalProperties).toBe(false)
    expect(Object.keys(dropout.parameters.properties)).toContain('load_a')
    expect(Object.keys(dropout.parameters.properties)).not.toContain('temperature_c')
    expect(dropout.sweep.properties.load_a).toMatchObject({ type: 'array', items: { type: 'number', maximum: 0.6 } })
  })
})
