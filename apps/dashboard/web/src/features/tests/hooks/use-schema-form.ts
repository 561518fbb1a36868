import { useMemo, useState } from 'react'
import type { JsonSchema } from '../api/tests'
import { type FormField, fieldsOf, initialText, parseField } from './schema-fields'

/** Form state generated from a JSON Schema: raw texts, parsed values and inline errors. */
export function useSchemaForm(schema: JsonSchema) {
  const fields = useMemo(() => fieldsOf(schema), [schema])
  const [raw, setRaw] = useState<Record<string, string | boolean>>(() =>
    Object.fromEntries(fields.map((f) => [f.name, initialText(f)])),
  )
  const parsed = useMemo(() => {
    const values: Record<string, unknown> = {}
    const errors: Record<string, string> = {}
    for (const f of fields) {
      const r = parseField(f, raw[f.name] ?? initialText(f))
      if (r.error) errors[f.name] = r.error
      else if (r.value !== undefined) values[f.name] = r.value
    }
    return { values, errors }
  }, [fields, raw])
  const set = (field: FormField, value: string | boolean) => setRaw((r) => ({ ...r, [field.name]: value }))
  const reset = () => setRaw(Object.fromEntries(fields.map((f) => [f.name, initialText(f)])))
  return { fields, raw, set, reset, values: parsed.values, errors: parsed.errors }
}
