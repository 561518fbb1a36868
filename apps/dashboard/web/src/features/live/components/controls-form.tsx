import type { TelemetrySnapshot } from '@dvt/protocol'
import type { FormEvent } from 'react'
import { Field } from '../../../lib/ui/field'
import { ErrorNote } from '../../../lib/ui/panel'
import { type ControlValues, useControlForm } from '../hooks/use-control-form'

function Toggle(props: { label: string; checked: boolean; onChange: (v: boolean) => void; name: string }) {
  return (
    <label className="toggle">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label}
    </label>
  )
}

/** Setpoint, ramp, supply, load, speed and pause, sent with "Apply". */
export function ControlsForm(props: { bench: string; telemetry: TelemetrySnapshot | null }) {
  const form = useControlForm(props.bench, props.telemetry)
  const v = form.values
  if (!v) return <p className="muted">Waiting for the first telemetry snapshot…</p>
  const text = (key: keyof ControlValues, label: string, unit: string) => (
    <Field id={`control-${key}`} label={`${label} (${unit})`} error={form.errors[key]}>
      <input
        id={`control-${key}`}
        name={key}
        inputMode="decimal"
        value={String(v[key])}
        onChange={(e) => form.set(key, e.target.value as never)}
      />
    </Field>
  )
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    void form.submit()
  }
  const invalid = Object.keys(form.errors).length > 0
  return (
    <form className="controls-form" onSubmit={onSubmit} aria-label="Bench controls">
      <div className="form-grid">
        {text('setpoint_c', 'Chamber setpoint', '°C')}
        {text('ramp_c_per_min', 'Ramp rate', '°C/min')}
        {text('supply_v', 'Supply voltage', 'V')}
        {text('load_a', 'Load current', 'A')}
        {text('speed', 'Simulation speed', '× or max')}
      </div>
      <div className="toggle-row">
        <Toggle
          name="supply_on"
          label="Supply output"
          checked={v.supply_on}
          onChange={(c) => form.set('supply_on', c)}
        />
        <Toggle name="load_on" label="Load input" checked={v.load_on} onChange={(c) => form.set('load_on', c)} />
        <Toggle name="paused" label="Paused" checked={v.paused} onChange={(c) => form.set('paused', c)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy || invalid || form.dirty.size === 0}>
          Apply
        </button>
        {form.result && form.result.errors.length === 0 && form.dirty.size === 0 && (
          <span className="muted">Applied {form.result.sent.length} setting(s).</span>
        )}
      </div>
      <ErrorNote message={form.error} />
      {form.result?.errors.map((e) => (
        <ErrorNote key={`${e.instrument}${e.code}${e.message}`} message={`${e.instrument}: ${e.code} ${e.message}`} />
      ))}
    </form>
  )
}
