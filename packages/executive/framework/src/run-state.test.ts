import { describe, expect, it } from 'vitest'
import type { RunEvent } from './run-events'
import { initialRunState, reduceRun } from './run-state'

const base = { runId: 'r1', time: '2026-01-01T00:00:00.000Z' }

const started: RunEvent = {
  ...base,
  type: 'run-started',
  simTime: 0,
  test: 'tempco',
  parameters: { samples: 10 },
  serial: 'SN1',
  operator: 'ada',
  description: null,
  station: 'bench-1',
  softwareVersion: '1.0.0',
  config: null,
  seed: 1,
  clock: 'simulated',
  steps: ['configure', 'sweep'],
  measurements: [{ name: 'tempco_ppm_per_c', unit: 'ppm/°C', description: '', limits: { lower: -100, upper: 100 } }],
}

const fold = (events: RunEvent[]) => events.reduce(reduceRun, initialRunState())

describe('reduceRun', () => {
  it('starts a run with pending steps', async () => {
    const state = fold([started])
    expect(state).toMatchObject({ id: 'r1', test: 'tempco', status: 'running', serial: 'SN1', startedAt: base.time })
    expect(state.steps).toEqual([
      { name: 'configure', status: 'pending', attempts: 0, error: null },
      { name: 'sweep', status: 'pending', attempts: 0, error: null },
    ])
  })

  it('tracks step attempts, outcomes and the current step', async () => {
    const running = fold([started, { ...base, type: 'step-started', simTime: 1, step: 'sweep', index: 1, attempt: 2 }])
    expect(running.currentStep).toBe('sweep')
    expect(running.steps[1]).toMatchObject({ status: 'running', attempts: 2 })
    const done = reduceRun(running, {
      ...base,
      type: 'step-finished',
      simTime: 2,
      step: 'sweep',
      index: 1,
      outcome: 'error',
      control: null,
      error: 'boom',
    })
    expect(done.currentStep).toBeNull()
    expect(done.steps[1]).toMatchObject({ status: 'error', attempts: 2, error: 'boom' })
    expect(done.simTime).toBe(2)
  })

  it('counts measurements and keeps the last one without storing them all', async () => {
    const row = (value: number) => ({
      timestamp: 0,
      simTime: value,
      parameter: 'vout',
      value,
      unit: 'V',
      temperature: 25,
      inputVoltage: 5,
      loadCurrent: 0.1,
    })
    const events: RunEvent[] = [1, 2, 3].map((v) => ({ ...base, type: 'measurement', simTime: v, row: row(v) }))
    const state = fold([started, ...events])
    expect(state.counts.measurements).toBe(3)
    expect(state.lastMeasurement?.value).toBe(3)
  })

  it('replaces a result of the same parameter and recounts pass/fail', async () => {
    const result = (value: number, passed: boolean): RunEvent => ({
      ...base,
      type: 'result',
      simTime: 5,
      step: 'sweep',
      result: { parameter: 'tempco_ppm_per_c', value, unit: 'ppm/°C', lowerLimit: -100, upperLimit: 100, passed },
    })
    const state = fold([started, result(150, false), result(50, true)])
    expect(state.results).toHaveLength(1)
    expect(state.results[0]?.value).toBe(50)
    expect(state.counts).toMatchObject({ results: 1, passed: 1, failed: 0 })
  })

  it('keeps the log with warning and error counts, and the latest progress', async () => {
    const state = fold([
      started,
      { ...base, type: 'log', simTime: 1, level: 'warn', message: 'drifting' },
      { ...base, type: 'log', simTime: 2, level: 'error', message: 'oops' },
      { ...base, type: 'progress', simTime: 3, step: 'sweep', point: 2, of: 6, message: 'point 2 of 6' },
    ])
    expect(state.log.map((l) => l.message)).toEqual(['drifting', 'oops'])
    expect(state.counts).toMatchObject({ warnings: 1, errors: 1 })
    expect(state.progress).toEqual({ step: 'sweep', point: 2, of: 6, message: 'point 2 of 6' })
  })

  it('finishes with status and reason, and never mutates the previous state', async () => {
    const before = fold([started])
    const frozen = JSON.stringify(before)
    const after = reduceRun(before, { ...base, type: 'run-finished', simTime: 9, status: 'aborted', reason: 'Ctrl-C' })
    expect(after).toMatchObject({ status: 'aborted', statusReason: 'Ctrl-C', completedAt: base.time })
    expect(JSON.stringify(before)).toBe(frozen)
  })
})
