import type { RunEvent } from '../run-events'
import type { RunObserver } from '../run-observer'
import { initialRunState, type RunState, reduceRun } from '../run-state'

type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'runId' | 'time' | 'simTime'> : never) : never

export interface RunBusObservers {
  /**
   * Keeps the run (storage). It sees each event first, in order; the other observers see an event only once the
   * recorder has finished with it, so nothing is shown before what led to it is durable.
   */
  recorder?: RunObserver | null
  /** Everyone else (progress display, WebSocket, log), in subscription order. */
  watchers(): Iterable<RunObserver>
}

export interface RunBus {
  readonly state: RunState
  emit(body: EventBody): void
  /** Resolves once every event has been delivered, with the observer failures not yet reported as events. */
  settle(): Promise<string[]>
}

/**
 * Folds a run's events through `reduceRun` at once (the state is always current) and delivers them in order: to the
 * recorder, awaited, then to the watchers. An observer that fails is reported once, as a warning of the run.
 */
export function createRunBus(runId: string, observers: RunBusObservers, simTime: () => number): RunBus {
  let state = initialRunState(runId)
  const failed = new Set<RunObserver>()
  const failures: string[] = []
  let delivered: Promise<void> = Promise.resolve()
  const pending = new Set<Promise<void>>()

  const report = (observer: RunObserver) => (error: unknown) => {
    if (failed.has(observer)) return
    failed.add(observer)
    failures.push(`an observer of the run failed: ${error instanceof Error ? error.message : String(error)}`)
  }

  /** Calls one observer; a promise it returns is tracked (not awaited) unless `await` is asked for. */
  function call(observer: RunObserver, event: RunEvent, after: RunState): Promise<void> | undefined {
    try {
      const result = observer(event, after)
      if (!result) return undefined
      const tracked = result.catch(report(observer)).finally(() => pending.delete(tracked))
      pending.add(tracked)
      return tracked
    } catch (error) {
      report(observer)(error)
      return undefined
    }
  }

  async function deliver(event: RunEvent, after: RunState): Promise<void> {
    if (observers.recorder) await call(observers.recorder, event, after)
    for (const watcher of observers.watchers()) call(watcher, event, after)
    // Reported after the delivery, so a failing observer cannot recurse forever.
    while (failures.length > 0 && state.status === 'running') {
      emit({ type: 'log', level: 'warn', message: failures.shift()! })
    }
  }

  function emit(body: EventBody): void {
    const event = { ...body, runId, time: new Date().toISOString(), simTime: simTime() } as RunEvent
    state = reduceRun(state, event)
    const after = state
    delivered = delivered.then(() => deliver(event, after))
  }

  return {
    get state() {
      return state
    },
    emit,
    async settle() {
      for (;;) {
        const last = delivered
        await last
        if (pending.size > 0) await Promise.all([...pending])
        if (last === delivered && pending.size === 0) break
      }
      return failures.splice(0)
    },
  }
}
