import type { RunEvent } from '@dvt/framework/run-state'
import type { MeasurementRow } from '@dvt/storage/records'
import { describe, expect, it } from 'vitest'
import { progressFacts } from '../web/src/features/tests/hooks/progress-facts'
import { type LiveRun, reduceLiveRun } from '../web/src/lib/ws-store'

const base = { runId: 'r1', time: '2026-01-01T00:00:00.000Z' }

const started: RunEvent = {
  ...base,
  type: 'run-started',
  simTime: 0,
  test: 'tempco',
  parameters: {},
  serial: null,
  operator: null,
  description: null,
  station: null,
  softwareVersion: '1.0.0',
  config: null,
  seed: null,
  clock: 'simulated',
  steps: ['configure', 'sweep'],
  measurements: [],
}

const row = (simTime: number): MeasurementRow => ({
  timestamp: 0,
  simTime,
  parameter: 'vout',
  value: 3.3,
  unit: 'V',
  temperature: 25,
  inputVoltage: 5,
  loadCurrent: 0.1,
})

const events: RunEvent[] = [
  started,
  { ...base, type: 'step-started', simTime: 1, step: 'sweep', index: 1, attempt: 1 },
  { ...base, type: 'progress', simTime: 2, step: 'sweep', point: 2, of: 4, message: 'settling' },
  { ...base, type: 'measurement', simTime: 3, row: row(3) },
  { ...base, type: 'measurement', simTime: 4, row: row(4) },
]

const fold = (list: RunEvent[], from: LiveRun | null = null) => list.reduce(reduceLiveRun, from)

describe('the web app folds run events with reduceRun', () => {
  it('keeps the run state and every reading', () => {
    const run = fold(events)!
    expect(run.state).toMatchObject({ id: 'r1', status: 'running', simTime: 4, currentStep: 'sweep' })
    expect(run.rows.map((r) => r.simTime)).toEqual([3, 4])
    expect(progressFacts(run.state)).toEqual({ step: 'sweep', points: 'point 2 of 4', fraction: 0.5 })
  })

  it('starts afresh on a replayed run-started (a reconnect) and on another run', () => {
    const run = fold(events)
    expect(fold(events, run)?.rows).toHaveLength(2)
    const other = reduceLiveRun(run, { ...base, runId: 'r2', type: 'log', simTime: 9, level: 'info', message: 'hi' })
    expect(other.state.id).toBe('r2')
    expect(other.rows).toEqual([])
  })

  it('says which step ran last once the run is over', () => {
    const finished = fold(
      [
        {
          ...base,
          type: 'step-finished',
          simTime: 5,
          step: 'sweep',
          index: 1,
          outcome: 'pass',
          control: null,
          error: null,
        },
        { ...base, type: 'run-finished', simTime: 6, status: 'passed', reason: null },
      ],
      fold(events),
    )!
    expect(finished.state.status).toBe('passed')
    expect(progressFacts(finished.state).step).toBe('sweep')
  })
})
