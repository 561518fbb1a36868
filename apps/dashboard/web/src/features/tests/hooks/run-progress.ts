import type { MeasurementPoint, RunEvent } from '../../../lib/types'

export interface RunProgress {
  runId: string | null
  test: string | null
  /** null while running. */
  status: string | null
  statusReason: string | null
  step: string | null
  point: number | null
  of: number | null
  message: string | null
  /** Simulated seconds since the run started (latest seen). */
  elapsedS: number | null
  rows: MeasurementPoint[]
  results: Array<{ name: string; value: number; unit: string; passed: boolean | null }>
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const rec = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {}

function toRow(event: RunEvent): MeasurementPoint | null {
  const r = rec(event.row ?? event.measurement ?? event)
  const value = num(r.value)
  const parameter = str(r.parameter)
  if (value === null || parameter === null) return null
  return {
    simTime: num(r.simTime) ?? 0,
    parameter,
    value,
    unit: str(r.unit) ?? '',
    temperature: num(r.temperature),
    inputVoltage: num(r.inputVoltage),
    loadCurrent: num(r.loadCurrent),
  }
}

function applyEvent(p: RunProgress, e: RunEvent): void {
  const simTime = num(e.simTime)
  if (simTime !== null) p.elapsedS = simTime
  switch (e.type) {
    case 'run-started':
      p.test = str(e.test) ?? p.test
      break
    case 'step-started':
      p.step = str(e.step) ?? str(e.name) ?? p.step
      break
    case 'progress':
      p.step = str(e.step) ?? p.step
      p.point = num(e.point) ?? p.point
      p.of = num(e.of) ?? p.of
      p.message = str(e.message) ?? p.message
      break
    case 'measurement': {
      const row = toRow(e)
      if (row) {
        p.rows.push(row)
        p.elapsedS = Math.max(p.elapsedS ?? 0, row.simTime)
      }
      break
    }
    case 'result': {
      const r = rec(e.result ?? e)
      const value = num(r.value)
      const name = str(r.parameter) ?? str(r.name)
      if (value !== null && name) {
        p.results.push({
          name,
          value,
          unit: str(r.unit) ?? '',
          passed: typeof r.passed === 'boolean' ? r.passed : null,
        })
      }
      break
    }
    case 'run-finished':
      p.status = str(e.status) ?? 'finished'
      p.statusReason = str(e.statusReason) ?? str(e.reason)
      break
  }
}

/** Folds the live run events of one run into what the progress panel shows. */
export function summarizeRun(events: readonly RunEvent[], runId: string | null): RunProgress {
  const progress: RunProgress = {
    runId,
    test: null,
    status: null,
    statusReason: null,
    step: null,
    point: null,
    of: null,
    message: null,
    elapsedS: null,
    rows: [],
    results: [],
  }
  for (const e of events) if (runId === null || e.runId === undefined || e.runId === runId) applyEvent(progress, e)
  return progress
}
