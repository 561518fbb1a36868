import type { EventLevel, StorageBackend } from '@dvt/storage'
import type { MeasurementEvent, RunEvent } from './run-events'
import type { RunObserver } from './run-observer'

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
 * Persists a run into a StorageBackend: the run row, its timeline, judged results and raw measurements. It is the
 * run bus's recorder, so every other observer sees an event only after this one is done with it. Readings are
 * batched (a burst becomes one append, flushed on the next turn of the event loop, at `batchSize` rows, or before
 * any other event of the run is stored) so they are durable as they arrive and always before anything reports them.
 * Storage calls run one at a time, in event order. Every event is then published on the store's live feed
 * (`publishRunEvent`), after what it reports is stored, so a dashboard anywhere follows runs started anywhere.
 */
export function createStorageObserver(storage: StorageBackend, options: StorageObserverOptions = {}): RunObserver {
  const batchSize = options.batchSize ?? 500
  const buffers = new Map<string, MeasurementEvent[]>()
  let tail: Promise<void> = Promise.resolve()
  // A deferred flush has no caller to fail; its error surfaces on the run's next stored event instead.
  let deferredError: unknown = null

  /** Queues storage work behind everything queued before it. */
  function then(work: () => Promise<void>): Promise<void> {
    const next = tail.then(work)
    tail = next.catch(() => undefined)
    return next
  }

  async function flush(runId: string): Promise<void> {
    const events = buffers.get(runId)
    if (!events || events.length === 0) return
    buffers.set(runId, [])
    await storage.appendMeasurements(
      runId,
      events.map((e) => e.row),
    )
    // One burst of readings is published together (the store writes it as one entry per reading, in one go).
    await Promise.all(events.map((e) => storage.publishRunEvent(runId, e)))
  }

  function buffer(runId: string, event: MeasurementEvent): Promise<void> | undefined {
    const rows = buffers.get(runId) ?? []
    rows.push(event)
    buffers.set(runId, rows)
    if (rows.length >= batchSize) return then(() => flush(runId))
    if (rows.length === 1) {
      setImmediate(() => {
        then(() => flush(runId)).catch((error: unknown) => {
          deferredError ??= error
        })
      })
    }
    return undefined
  }

  async function store(event: RunEvent): Promise<void> {
    const { runId } = event
    if (deferredError) {
      const error = deferredError
      deferredError = null
      throw error
    }
    if (event.type === 'run-started') {
      await storage.createRun({
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
        provenance: event.provenance,
        campaignId: event.campaignId ?? null,
      })
      await storage.startRun(runId)
    }
    // Nothing is announced (progress, a log line, a result) before the readings that led to it are durable:
    // a crash right after a point was reported must not lose that point.
    await flush(runId)
    if (event.type === 'result') await storage.addResults(runId, [event.result])
    const entry = timelineEntry(event)
    if (entry) await storage.addEvent(runId, { time: event.time, simTime: event.simTime, ...entry })
    if (event.type === 'run-finished') {
      await flush(runId)
      buffers.delete(runId)
      await storage.completeRun(runId, { status: event.status, completedAt: event.time, statusReason: event.reason })
    }
    await storage.publishRunEvent(runId, event)
  }

  return (event) => {
    if (event.type === 'measurement') return buffer(event.runId, event)
    return then(() => store(event))
  }
}
