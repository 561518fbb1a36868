import type { ReactNode } from 'react'

/** A form control (`children`, with `id`) under its label, with an optional inline error. */
export function Field(props: { id: string; label: string; error?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field ${props.error ? 'field-invalid' : ''}`}>
      <label className="field-label" htmlFor={props.id}>
        {props.label}
      </label>
      {props.children}
      {props.error && <span className="field-error">{props.error}</span>}
    </div>
  )
}
