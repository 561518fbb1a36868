import { initialRunState, type RunEvent, type RunState, reduceRun } from '@dvt/framework/run-state'
import type { StorageBackend } from '@dvt/storage'
import type { RunFeedEntry, RunRecord } from '@dvt/storage/records'
import type { StationRun } from '../schemas/messages'

/** The latest run of every station, as the store's run-event feed tells it. */
export interface StationRuns {
  /** One per station that has run something since the dashboard started (or was running then), newest first. */
  latest(): StationRun[]
  close(): Promise<void>
}

export interface StationRunsOptions {
  storage: Pick<StorageBackend, 'watchRunEvents' | 'listRuns' | 'getRun'>
  /** Called with a station's latest run whenever it changes. */
  onChange(run: StationRun): void
  onError(error: unknown): void
  /** A burst of readings alone is announced at most this often [500 ms]; any other event at once. */
  readingsIntervalMs?: number
  /** Runs looked at when the dashboard starts, for each station's latest [200]. */
  recentRuns?: number
}

/** A run's card facts from its folded state. */
export function stationRunOf(state: RunState): StationRun {
  return {
    id: state.id,
    test: state.test,
    station: state.station,
    status: state.status,
    statusReason: state.statusReason,
    serial: state.serial,
    startedAt: state.startedAt,
    completedAt: state.completedAt,
    simTime: state.simTime,
    currentStep: state.currentStep,
    stepsDone: state.steps.filter((step) => step.status !== 'pending' && step.status !== 'running').length,
    stepsTotal: state.steps.length,
    progress: state.progress,
    measurements: state.counts.measurements,
  }
}

/** The state of a run the feed joined mid-way (started before the dashboard), from its stored record. */
function stateOfRecord(run: RunRecord): RunState {
  return {
    ...initialRunState(run.id),
    test: run.test,
    status: run.status,
    statusReason: run.statusReason,
    startedAt: run.startedAt,
    completedAt: run.completedAt,
    parameters: run.parameters,
    serial: run.dutSerial,
    operator: run.operator,
    description: run.description,
    station: run.station,
    counts: { ...initialRunState().counts, measurements: run.measurementCount },
  }
}

/** A feed entry's event, when it is a run event (the feed carries JSON from any process; anything else is skipped). */
function runEventOf(entry: RunFeedEntry): RunEvent | null {
  const event = entry.event as Partial<RunEvent> | null
  if (typeof event !== 'object' || event === null) return null
  if (typeof event.type !== 'string' || event.runId !== entry.runId) return null
  return event as RunEvent
}

/**
 * Follows every run of every station through `watchRunEvents`: each event folds (`reduceRun`) into its run's state,
 * and the station's latest run is announced. Runs already stored when the dashboard starts seed each station's
 * latest; a run the feed joins mid-way is read from the store once. Entries are handled one at a time, in feed order.
 */
export async function createStationRuns(options: StationRunsOptions): Promise<StationRuns> {
  const { storage, onChange, onError, readingsIntervalMs = 500, recentRuns = 200 } = options
  const states = new Map<string, RunState>()
  /** Station → the ID of its latest run. */
  const latest = new Map<string, string>()
  const pending = new Map<string, NodeJS.Timeout>()
  let queue: Promise<void> = Promise.resolve()
  let closed = false

  const announce = (runId: string) => {
    const timer = pending.get(runId)
    if (timer) clearTimeout(timer)
    pending.delete(runId)
    const state = states.get(runId)
    if (state && !closed) onChange(stationRunOf(state))
  }

  /** Runs that are no station's latest (no station, or older than the station's): their events are skipped. */
  const ignored = new Set<string>()

  /** Keeps the state when it is its station's latest run (a newer run of the station replaces the older one). */
  const remember = (state: RunState): boolean => {
    const { station } = state
    const previous = station === null ? undefined : latest.get(station)
    const before = previous === undefined ? undefined : states.get(previous)
    if (station === null || (previous !== state.id && before && before.startedAt > state.startedAt)) {
      ignored.add(state.id)
      return false
    }
    if (previous !== undefined && previous !== state.id) states.delete(previous)
    latest.set(station, state.id)
    states.set(state.id, state)
    return true
  }

  const handle = async (entry: RunFeedEntry) => {
    const event = runEventOf(entry)
    if (!event || ignored.has(event.runId)) return
    let state = states.get(event.runId)
    if (!state && event.type !== 'run-started') {
      const record = await storage.getRun(event.runId)
      if (!record) return
      state = stateOfRecord(record)
    }
    const next = reduceRun(state ?? initialRunState(event.runId), event)
    if (!remember(next)) return
    if (event.type !== 'measurement') announce(next.id)
    else if (!pending.has(next.id))
      pending.set(
        next.id,
        setTimeout(() => announce(next.id), readingsIntervalMs),
      )
  }

  const seed = async () => {
    const { runs } = await storage.listRuns({ limit: recentRuns })
    // Newest first: the first run seen of a station is its latest.
    for (const run of runs) {
      if (run.station !== null && !latest.has(run.station)) remember(stateOfRecord(run))
      else ignored.add(run.id)
    }
  }

  const enqueue = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => {
      if (!closed) onError(error)
    })
  }

  const stop = await storage.watchRunEvents((entry) => enqueue(() => handle(entry)))
  enqueue(seed)
  return {
    latest: () =>
      [...latest.values()]
        .map((id) => states.get(id))
        .filter((state): state is RunState => state !== undefined)
        .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
        .map(stationRunOf),
    async close() {
      closed = true
      for (const timer of pending.values()) clearTimeout(timer)
      pending.clear()
      await stop()
      await queue
    },
  }
}
