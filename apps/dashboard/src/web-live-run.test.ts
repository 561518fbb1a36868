import type { RunEvent } from '@dvt/framework/run-state'
import { createRunEventFixtures } from '@dvt/framework/testing'
import { describe, expect, it } from 'vitest'
import { progressFacts } from '../web/src/features/tests/hooks/progress-facts'
import { type LiveRun, reduceLiveRun } from '../web/src/lib/ws-store'

const run = createRunEventFixtures()

const events: RunEvent[] = [
  run.started(),
  run.stepStarted({ simTime: 1, step: 'sweep' }),
  run.progress({ simTime: 2, step: 'sweep', point: 2, of: 4, message: 'settling' }),
  run.measurement({ simTime: 3 }),
  run.measurement({ simTime: 4 }),
]

const fold = (list: RunEvent[], from: LiveRun | null = null) => list.reduce(reduceLiveRun, from)

describe('the web app folds run events with reduceRun', () => {
  it('keeps the run state and every reading', () => {
    const live = fold(events)!
    expect(live.state).toMatchObject({ id: 'r1', status: 'running', simTime: 4, currentStep: 'sweep' })
    expect(live.rows.map((r) => r.simTime)).toEqual([3, 4])
    expect(progressFacts(live.state)).toEqual({ step: 'sweep', points: 'point 2 of 4', fraction: 0.5 })
  })

  it('starts afresh on a replayed run-started (a reconnect) and on another run', () => {
    const live = fold(events)
    expect(fold(events, live)?.rows).toHaveLength(2)
    const other = reduceLiveRun(live, run.log({ runId: 'r2', simTime: 9, level: 'info', message: 'hi' }))
    expect(other.state.id).toBe('r2')
    expect(other.rows).toEqual([])
  })

  it('says which step ran last once the run is over', () => {
    const finished = fold(
      [
        run.stepFinished({ simTime: 5, step: 'sweep', outcome: 'pass' }),
        run.finished({ simTime: 6, status: 'passed' }),
      ],
      fold(events),
    )!
    expect(finished.state.status).toBe('passed')
    expect(progressFacts(finished.state).step).toBe('sweep')
  })
})
