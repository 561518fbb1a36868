import type { JsonSchema } from '../api/tests'

export type FieldKind = 'number' | 'integer' | 'boolean' | 'enum' | 'number-list' | 'text'

export interface FormField {
  name: string
  kind: FieldKind
  schema: JsonSchema
  required: boolean
  options: string[]
}

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
}

/** The form fields of an object schema, in declaration order. */
export function fieldsOf(schema: JsonSchema): FormField[] {
  const required = new Set(schema.required ?? [])
  return Object.entries(schema.properties ?? {}).map(([name, s]) => {
    const type = typeOf(s)
    let kind: FieldKind = 'text'
    if (s.enum) kind = 'enum'
    else if (type === 'number' || type === 'integer' || type === 'boolean') kind = type
    else if (type === 'array' && s.items && ['number', 'integer'].includes(typeOf(s.items) ?? '')) kind = 'number-list'
    return { name, kind, schema: s, required: required.has(name), options: (s.enum ?? []).map(String) }
  })
}

/** The text a field starts with: its default, or empty. */
export function initialText(field: FormField): string | boolean {
  const d = field.schema.default
  if (field.kind === 'boolean') return d === true
  if (d === undefined || d === null) return ''
  return Array.isArray(d) ? d.join(', ') : String(d)
}

function checkNumber(n: number, s: JsonSchema, integer: boolean): string | null {
  if (!Number.isFinite(n)) return 'must be a number'
  if (integer && !Number.isInteger(n)) return 'must be a whole number'
  if (s.minimum !== undefined && n < s.minimum) return `must be at least ${s.minimum}`
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER && n > s.maximum) {
    return `must be at most ${s.maximum}`
  }
  if (s.exclusiveMinimum !== undefined && n <= s.exclusiveMinimum) return `must be more than ${s.exclusiveMinimum}`
  if (s.exclusiveMaximum !== undefined && n >= s.exclusiveMaximum) return `must be less than ${s.exclusiveMaximum}`
  return null
}

function parseList(text: string, field: FormField): { value?: number[]; error?: string } {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== '')
  const items = field.schema.items ?? {}
  const values: number[] = []
  for (const part of parts) {
    const n = Number(part)
    const problem = checkNumber(n, items, typeOf(items) === 'integer')
    if (problem) return { error: `"${part}" ${problem}` }
    values.push(n)
  }
  const { minItems, maxItems } = field.schema
  if (minItems !== undefined && values.length < minItems) return { error: `needs at least ${minItems} values` }
  if (maxItems !== undefined && values.length > maxItems) return { error: `takes at most ${maxItems} values` }
  return { value: values }
}

/** Parses and checks one field; empty optional fields are left out (the server applies defaults). */
export function parseField(field: FormField, raw: string | boolean): { value?: unknown; error?: string } {
  if (field.kind === 'boolean') return { value: raw === true }
  const text = String(raw).trim()
  if (text === '') return field.required ? { error: 'is required' } : {}
  if (field.kind === 'enum' || field.kind === 'text') return { value: text }
  if (field.kind === 'number-list') return parseList(text, field)
  const n = Number(text)
  const problem = checkNumber(n, field.schema, field.kind === 'integer')
  return problem ? { error: problem } : { value: n }
}
