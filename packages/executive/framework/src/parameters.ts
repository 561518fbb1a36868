import { z } from 'zod'
import { FrameworkError } from './framework-error'
import type { DvtTest } from './test-definition'

type JsonSchema = {
  type?: string | string[]
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  [key: string]: unknown
}

/** A test's parameters as JSON Schema (with defaults), for `dvt list-tests` and the dashboard's forms. */
export function describeParameters(test: DvtTest): JsonSchema {
  return z.toJSONSchema(test.parameters, { io: 'input', unrepresentable: 'any' }) as JsonSchema
}

/** One sentence for the first problem zod found, naming the parameter. */
function sentence(test: DvtTest, issue: z.core.$ZodIssue): string {
  const [key, ...rest] = issue.path
  const where = rest.length > 0 ? ` (item ${rest.join('.')})` : ''
  const message = issue.message.replace(/^Invalid input: /, '').replace(/^Too (small|big): /, '')
  return `parameter "${String(key)}" of ${test.name}${where} is invalid: ${message}`
}

/**
 * Validates raw parameters against the test's schema, filling defaults. Unknown names are refused,
 * so a typo never silently runs the test with a default.
 */
export function validateParameters(test: DvtTest, raw: Record<string, unknown>): Record<string, unknown> {
  const known = Object.keys(test.parameters.shape)
  const unknown = Object.keys(raw).find((key) => !known.includes(key))
  if (unknown !== undefined) {
    const list = known.length > 0 ? `it takes ${known.join(', ')}` : 'it takes none'
    throw new FrameworkError('FRAMEWORK_BAD_PARAMETER', `${test.name} has no parameter "${unknown}" — ${list}`)
  }
  const parsed = test.parameters.safeParse(raw)
  if (!parsed.success) {
    throw new FrameworkError('FRAMEWORK_BAD_PARAMETER', sentence(test, parsed.error.issues[0]!), {
      cause: parsed.error,
    })
  }
  return parsed.data as Record<string, unknown>
}

function typeOf(schema: JsonSchema | undefined): string | undefined {
  const type = schema?.type
  return Array.isArray(type) ? type.find((t) => t !== 'null') : type
}

function convert(text: string, schema: JsonSchema | undefined): unknown {
  const type = typeOf(schema)
  const trimmed = text.trim()
  if (type === 'number' || type === 'integer') {
    const value = Number(trimmed)
    return trimmed === '' || Number.isNaN(value) ? text : value
  }
  if (type === 'boolean') {
    const lower = trimmed.toLowerCase()
    if (['true', '1', 'on', 'yes'].includes(lower)) return true
    if (['false', '0', 'off', 'no'].includes(lower)) return false
    return text
  }
  if (type === 'array') {
    if (trimmed.startsWith('[')) return JSON.parse(trimmed) as unknown
    return trimmed === '' ? [] : trimmed.split(',').map((part) => convert(part, schema?.items))
  }
  return text
}

/**
 * Turns `--set key=value` strings into typed values using the test's schema (`points_c=-40,25,85`
 * → an array of numbers). Validation still happens in `validateParameters`.
 */
export function parseParameterStrings(test: DvtTest, strings: Record<string, string>): Record<string, unknown> {
  const properties = describeParameters(test).properties ?? {}
  const out: Record<string, unknown> = {}
  for (const [key, text] of Object.entries(strings)) {
    try {
      out[key] = convert(text, properties[key])
    } catch (cause) {
      throw new FrameworkError(
        'FRAMEWORK_BAD_PARAMETER',
        `parameter "${key}" of ${test.name}: "${text}" is not valid JSON`,
        {
          cause,
        },
      )
    }
  }
  return out
}
