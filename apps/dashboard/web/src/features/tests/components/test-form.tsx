import { type FormEvent, useState } from 'react'
import type { StartRunBody, TestInfo } from '../api/tests'
import { useSchemaForm } from '../hooks/use-schema-form'
import { SchemaField } from './schema-field'

/** The parameter form of one test (generated from its JSON Schema) plus the run metadata, and "Run test". */
export function TestForm(props: { test: TestInfo; disabled: boolean; onRun: (body: StartRunBody) => void }) {
  const form = useSchemaForm(props.test.parameters)
  const [meta, setMeta] = useState({ serial: '', operator: '', description: '' })
  const invalid = Object.keys(form.errors).length > 0
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    if (invalid) return
    const body: StartRunBody = { test: props.test.name, parameters: form.values }
    if (meta.serial.trim()) body.serial = meta.serial.trim()
    if (meta.operator.trim()) body.operator = meta.operator.trim()
    if (meta.description.trim()) body.description = meta.description.trim()
    props.onRun(body)
  }
  return (
    <form onSubmit={onSubmit} aria-label={`Parameters of ${props.test.name}`}>
      <div className="form-grid">
        {form.fields.map((f) => (
          <SchemaField
            key={f.name}
            field={f}
            value={form.raw[f.name] ?? ''}
            error={form.errors[f.name]}
            onChange={(v) => form.set(f, v)}
          />
        ))}
      </div>
      <div className="form-grid form-meta">
        {(['serial', 'operator', 'description'] as const).map((k) => (
          <label key={k} className="field">
            <span className="field-label">{k === 'serial' ? 'DUT serial' : k}</span>
            <input name={k} value={meta[k]} onChange={(e) => setMeta({ ...meta, [k]: e.target.value })} />
          </label>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={props.disabled || invalid}>
          Run test
        </button>
        <button type="button" className="btn btn-ghost" onClick={form.reset}>
          Reset to defaults
        </button>
        {invalid && <span className="field-error">Fix the highlighted parameters first.</span>}
      </div>
    </form>
  )
}
