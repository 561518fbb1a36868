import { describe, expect, it } from 'vitest'
import { controlRequestSchema } from '../schemas/control'
import { runIdSchema, runListQuerySchema } from '../schemas/runs'
import { describeZodError } from './describe-zod-error'

const sentence = (schema: { safeParse(v: unknown): { error?: unknown } }, value: unknown) =>
  describeZodError(schema.safeParse(value).error as never, 'the control request')

describe('describeZodError', () => {
  it('names the field and the rule it broke', () => {
    expect(sentence(controlRequestSchema, { setpoint_c: 500 })).toBe(
      'the control request: "setpoint_c" must be at most 200',
    )
    expect(sentence(controlRequestSchema, { supply_v: 'five' })).toBe(
      'the control request: "supply_v" must be a number',
    )
    expect(sentence(controlRequestSchema, { speed: 'fast' })).toMatch(/^the control request: "speed" /)
    expect(sentence(controlRequestSchema, { bogus: 1 })).toBe('the control request has unknown field(s): bogus')
  })

  it('checks run IDs and listing queries', () => {
    expect(runIdSchema.safeParse('1a2b3c4d').success).toBe(true)
    expect(runIdSchema.safeParse('0f4c2a8e-1b2c-4d3e-8f9a-0123456789ab').success).toBe(true)
    expect(runIdSchema.safeParse('../../etc/passwd').success).toBe(false)
    expect(runIdSchema.safeParse('1a2b').success).toBe(false)
    expect(sentence(runListQuerySchema, { limit: '0' })).toMatch(/"limit" must be at least 1/)
    expect(runListQuerySchema.parse({ limit: '5' })).toEqual({ limit: 5, offset: 0 })
  })
})
