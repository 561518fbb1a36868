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
})
