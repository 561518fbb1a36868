import type { RunEvent } from '../run-events'
import { initialRunState, type RunState, reduceRun } from '../run-state'

/**
 * Receives every event of a run with the state after it. May return a promise (e.g. storage
 * compaction at the end); the runner waits for those before `run()` resolves.
 */
export type RunObserver = (event: RunEvent, state: RunState) => void | Promise<void>

type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId' | 'time' | 'simTime'> : never) : never

export interface RunBus {
  readonly state: RunState
  emit(body: EventBody): void
  /** Resolves once every promise an observer returned has settled, with the failures not yet reported as events. */
  settle(): Promise<string[]>
}

/** Folds a run's events through `reduceRun` and hands each to the observers, isolating their failures. */
export function createRunBus(runId: string, observers: () => Iterable<RunObserver>, simTime: () => number): RunBus {
  let state = initialRunState(runId)
  const pending = new Set<Promise<void>>()
  const failed = new Set<RunObserver>()
  const failures: string[] = []

  function deliver(observer: RunObserver, event: RunEvent, after: RunState): void {
    const report = (error: unknown) => {
      if (failed.has(observer)) return
      failed.add(observer)
      failures.push(`an observer of the run failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    try {
      const result = observer(event, after)
      if (result) {
        const tracked = result.catch(report).finally(() => pending.delete(tracked))
        pending.add(tracked)
      }
    } catch (error) {
      report(error)
    }
  }

  function emit(body: EventBody): void {
    const event = { ...body, runId, time: new Date().toISOString(), simTime: simTime() } as RunEvent
    state = reduceRun(state, event)
    const after = state
    for (const observer of observers()) deliver(observer, event, after)
    // Reported once per observer, after the delivery loop, so a failing observer cannot recurse forever.
    while (failures.length > 0 && state.status === 'running') {
      emit({ type: 'log', level: 'warn', message: failures.shift()! })
    }
  }

  return {
    get state() {
      return state
    },
    emit,
    async settle() {
      while (pending.size > 0) await Promise.all([...pending])
      return failures.splice(0)
    },
  }
}
