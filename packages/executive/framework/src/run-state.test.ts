import { describe, expect, it } from 'vitest'
import type { RunEvent } from './run-events'
import { initialRunState, reduceRun } from './run-state'
import { createRunEventFixtures } from './testing/run-event-fixtures'

const run = createRunEventFixtures()

const started = run.started({
  parameters: { samples: 10 },
  serial: 'SN1',
  operator: 'ada',
  station: 'bench-1',
  seed: 1,
  measurements: [{ name: 'tempco_ppm_per_c', unit: 'ppm/°C', description: '', limits: { lower: -100, upper: 100 } }],
})

const fold = (events: RunEvent[]) => events.reduce(reduceRun, initialRunState())

describe('reduceRun', () => {
  it('starts a run with pending steps', async () => {
    const state = fold([started])
    expect(state).toMatchObject({ id: 'r1', test: 'tempco', status: 'running', serial: 'SN1', startedAt: run.time })
    expect(state.steps).toEqual([
      { name: 'configure', status: 'pending', attempts: 0, error: null },
      { name: 'sweep', status: 'pending', attempts: 0, error: null },
    ])
  })

  it('tracks step attempts, outcomes and the current step', async () => {
    const running = fold([started, run.stepStarted({ simTime: 1, step: 'sweep', index: 1, attempt: 2 })])
    expect(running.currentStep).toBe('sweep')
    expect(running.steps[1]).toMatchObject({ status: 'running', attempts: 2 })
    const done = reduceRun(running, run.stepFinished({ simTime: 2, step: 'sweep', outcome: 'error', error: 'boom' }))
    expect(done.currentStep).toBeNull()
    expect(done.steps[1]).toMatchObject({ status: 'error', attempts: 2, error: 'boom' })
    expect(done.simTime).toBe(2)
  })

  it('counts measurements and keeps the last one without storing them all', async () => {
    const events = [1, 2, 3].map((v) => run.measurement({ simTime: v, value: v }))
    const state = fold([started, ...events])
    expect(state.counts.measurements).toBe(3)
    expect(state.lastMeasurement?.value).toBe(3)
  })

  it('keeps one result per parameter and socket', async () => {
    const result = (socket: number | null, value: number) => run.result({ value, socket }, { simTime: 5 })
    const state = fold([started, result(1, 10), result(2, 20), result(1, 11), result(null, 30)])
    expect(state.results.map((r) => [r.socket, r.value])).toEqual([
      [2, 20],
      [1, 11],
      [null, 30],
    ])
    expect(state.counts).toMatchObject({ results: 3 })
  })

  it('replaces a result of the same parameter and recounts pass/fail', async () => {
    const result = (value: number, passed: boolean) => run.result({ value, passed }, { simTime: 5 })
    const state = fold([started, result(150, false), result(50, true)])
    expect(state.results).toHaveLength(1)
    expect(state.results[0]?.value).toBe(50)
    expect(state.counts).toMatchObject({ results: 1, passed: 1, failed: 0 })
  })

  it('keeps the log with warning and error counts, and the latest progress', async () => {
    const state = fold([
      started,
      run.log({ simTime: 1, level: 'warn', message: 'drifting' }),
      run.log({ simTime: 2, level: 'error', message: 'oops' }),
      run.progress({ simTime: 3, step: 'sweep', point: 2, of: 6, message: 'point 2 of 6' }),
    ])
    expect(state.log.map((l) => l.message)).toEqual(['drifting', 'oops'])
    expect(state.counts).toMatchObject({ warnings: 1, errors: 1 })
    expect(state.progress).toEqual({ step: 'sweep', point: 2, of: 6, message: 'point 2 of 6' })
  })

  it('finishes with status and reason, and never mutates the previous state', async () => {
    const before = fold([started])
    const frozen = JSON.stringify(before)
    const after = reduceRun(before, run.finished({ simTime: 9, status: 'aborted', reason: 'Ctrl-C' }))
    expect(after).toMatchObject({ status: 'aborted', statusReason: 'Ctrl-C', completedAt: run.time })
    expect(JSON.stringify(before)).toBe(frozen)
  })
})
