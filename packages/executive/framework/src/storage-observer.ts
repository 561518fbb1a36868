import type { EventLevel, MeasurementRow, StorageBackend } from '@dvt/storage'
import type { RunObserver } from './internal/run-bus'
import type { RunEvent } from './run-events'

export interface StorageObserverOptions {
  /** Rows per `appendMeasurements` batch when readings arrive in a burst [500]. */
  batchSize?: number
}

/** The timeline entry a run event leaves in storage, or null for events that are not kept as such. */
function timelineEntry(event: RunEvent): { level: EventLevel; message: string } | null {
  switch (event.type) {
    case 'run-started':
      return { level: 'info', message: `run started: ${event.test}${event.serial ? ` on DUT ${event.serial}` : ''}` }
    case 'step-started':
      return { level: 'debug', message: `step "${event.step}" started (attempt ${event.attempt})` }
    case 'step-finished': {
      const level: EventLevel = event.outcome === 'error' ? 'error' : event.outcome === 'fail' ? 'warn' : 'info'
      const why = event.error ? `: ${event.error}` : ''
      return { level, message: `step "${event.step}" finished: ${event.outcome}${why}` }
    }
    case 'log':
      return { level: event.level, message: event.message }
    case 'run-finished': {
      const level: EventLevel = event.status === 'error' ? 'error' : event.status === 'passed' ? 'info' : 'warn'
      return { level, message: `run finished: ${event.status}${event.reason ? ` — ${event.reason}` : ''}` }
    }
    default:
      return null
  }
}

/**
 * Persists a run into a StorageBackend: the run row, its timeline, judged results and raw
 * measurements. Readings are batched (a burst becomes one append, flushed on the next turn of the
 * event loop, at `batchSize` rows, or before any other event of the run is stored or shown) so they
 * are durable as they arrive and always before anything reports them.
 */
export function createStorageObserver(storage: StorageBackend, options: StorageObserverOptions = {}): RunObserver {
  const batchSize = options.batchSize ?? 500
  const buffers = new Map<string, MeasurementRow[]>()
  const scheduled = new Set<string>()
  // A deferred flush cannot throw into the event loop; its error surfaces on the next event instead.
  let deferredError: unknown = null

  function flush(runId: string): void {
    const rows = buffers.get(runId)
    if (!rows || rows.length === 0) return
    buffers.set(runId, [])
    storage.appendMeasurements(runId, rows)
  }

  function buffer(runId: string, row: MeasurementRow): void {
    const rows = buffers.get(runId) ?? []
    rows.push(row)
    buffers.set(runId, rows)
    if (rows.length >= batchSize) {
      flush(runId)
      return
    }
    if (scheduled.has(runId)) return
    scheduled.add(runId)
    setImmediate(() => {
      scheduled.delete(runId)
      try {
        flush(runId)
      } catch (error) {
        deferredError ??= error
      }
    })
  }

  function handle(event: RunEvent): Promise<void> | undefined {
    const { runId } = event
    if (event.type === 'run-started') {
      storage.createRun({
        id: runId,
        test: event.test,
        startedAt: event.time,
        operator: event.operator,
        dutSerial: event.serial,
        station: event.station,
        description: event.description,
        parameters: event.parameters,
        config: event.config ?? null,
        seed: event.seed,
        softwareVersion: event.softwareVersion,
      })
      storage.startRun(runId)
    }
    if (event.type === 'measurement') {
      buffer(runId, event.row)
      return undefined
    }
    // Nothing is announced (progress, a log line, a result) before the readings that led to it are durable:
    // a crash right after a point was reported must not lose that point.
    flush(runId)
    if (event.type === 'result') storage.addResults(runId, [event.result])
    const entry = timelineEntry(event)
    if (entry) storage.addEvent(runId, { time: event.time, simTime: event.simTime, ...entry })
    if (event.type !== 'run-finished') return undefined
    flush(runId)
    buffers.delete(runId)
    const end = { status: event.status, completedAt: event.time, statusReason: event.reason }
    return storage.completeRun(runId, end).then(() => undefined)
  }

  return (event) => {
    const done = handle(event)
    if (deferredError) {
      const error = deferredError
      deferredError = null
      throw error
    }
    return done
  }
}
