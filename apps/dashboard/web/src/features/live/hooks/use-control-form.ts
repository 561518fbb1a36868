import type { TelemetrySnapshot } from '@dvt/protocol'
import { useEffect, useState } from 'react'
import type { ControlRequest } from '../../../../../src/schemas/control'
import { applyControl, type ControlResult } from '../api/bench'

export interface ControlValues {
  setpoint_c: string
  ramp_c_per_min: string
  supply_v: string
  supply_on: boolean
  load_a: string
  load_on: boolean
  speed: string
  paused: boolean
}

type Key = keyof ControlValues

const numericRanges: Partial<Record<Key, [number, number, string]>> = {
  setpoint_c: [-75, 200, '°C'],
  ramp_c_per_min: [0.01, 1000, '°C/min'],
  supply_v: [0, 6.18, 'V'],
  load_a: [0, 10, 'A'],
}

/** Inline validation: one sentence per invalid field. */
export function validateControls(values: ControlValues): Partial<Record<Key, string>> {
  const errors: Partial<Record<Key, string>> = {}
  for (const [key, range] of Object.entries(numericRanges) as Array<[Key, [number, number, string]]>) {
    const n = Number(values[key])
    if (values[key] === '' || !Number.isFinite(n)) errors[key] = 'enter a number'
    else if (n < range[0] || n > range[1]) errors[key] = `must be between ${range[0]} and ${range[1]} ${range[2]}`
  }
  const speed = values.speed.trim().toLowerCase()
  if (speed !== 'max' && !(Number(speed) > 0)) errors.speed = 'a positive number, or max'
  return errors
}

const setting = (value: unknown, fallback: number): string =>
  String(typeof value === 'number' && Number.isFinite(value) ? Number(value.toPrecision(6)) : fallback)

function fromTelemetry(t: TelemetrySnapshot): ControlValues {
  return {
    setpoint_c: String(t.setpoint_c),
    ramp_c_per_min: String(t.ramp_c_per_min),
    supply_v: setting(t.supply_v_set, 5),
    supply_on: t.supply_mode !== 'OFF',
    load_a: setting(t.load_current_set_a, 0.1),
    load_on: t.load_on,
    speed: String(t.speed),
    paused: t.paused,
  }
}

function toBody(values: ControlValues, dirty: ReadonlySet<Key>): ControlRequest {
  const body: ControlRequest = {}
  for (const key of dirty) {
    if (key === 'supply_on' || key === 'load_on' || key === 'paused') body[key] = values[key]
    else if (key === 'speed') body.speed = values.speed.trim().toLowerCase() === 'max' ? 'max' : Number(values.speed)
    else body[key] = Number(values[key])
  }
  return body
}

/** State of the controls form of `bench`: starts from its first snapshot, sends only the fields the user changed. */
export function useControlForm(bench: string, telemetry: TelemetrySnapshot | null) {
  const [values, setValues] = useState<ControlValues | null>(null)
  const [dirty, setDirty] = useState<Set<Key>>(new Set())
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ControlResult | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!values && telemetry) setValues(fromTelemetry(telemetry))
  }, [values, telemetry])

  const errors = values ? validateControls(values) : {}
  const set = <K extends Key>(key: K, value: ControlValues[K]) => {
    setValues((v) => (v ? { ...v, [key]: value } : v))
    setDirty((d) => new Set(d).add(key))
  }
  const submit = async () => {
    if (!values || Object.keys(errors).length > 0) return
    setBusy(true)
    setError(null)
    try {
      setResult(await applyControl(bench, toBody(values, dirty)))
      setDirty(new Set())
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  return { values, errors, dirty, set, submit, busy, result, error }
}
