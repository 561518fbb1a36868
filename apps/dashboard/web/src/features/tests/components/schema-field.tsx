import type { ReactElement } from 'react'
import type { FormField } from '../hooks/schema-fields'

function hint(field: FormField): string {
  const s = field.kind === 'number-list' ? (field.schema.items ?? {}) : field.schema
  const parts: string[] = []
  if (field.kind === 'number-list') parts.push('comma-separated')
  if (field.kind === 'integer') parts.push('whole number')
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`)
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${s.exclusiveMinimum}`)
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${s.maximum}`)
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${s.exclusiveMaximum}`)
  return parts.join(', ')
}

/** One generated form field with its description, constraints and inline error. */
export function SchemaField(props: {
  field: FormField
  value: string | boolean
  error: string | undefined
  onChange: (value: string | boolean) => void
}) {
  const { field, value, error, onChange } = props
  const id = `param-${field.name}`
  let input: ReactElement
  if (field.kind === 'boolean') {
    input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
  } else if (field.kind === 'enum') {
    input = (
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {field.options.map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    )
  } else {
    input = (
      <input
        id={id}
        name={field.name}
        inputMode={field.kind === 'text' ? 'text' : 'decimal'}
        value={String(value)}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    )
  }
  const constraint = hint(field)
  return (
    <div className={`field ${error ? 'field-invalid' : ''} ${field.kind === 'boolean' ? 'field-inline' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {field.name}
      </label>
      {input}
      {field.schema.description && <span className="field-help">{field.schema.description}</span>}
      {constraint && <span className="field-help">{constraint}</span>}
      {error && <span className="field-error">{error}</span>}
    </div>
  )
}
