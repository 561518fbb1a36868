import { randomUUID } from 'node:crypto'
import type { DvtConfig } from '@dvt/config'
import type { InstrumentSet } from '@dvt/drivers'
import type { SessionRecorder } from '@dvt/sessions'
import type { StorageBackend } from '@dvt/storage'
import type { BoardWiring } from './board'
import type { Clock } from './clock'
import { FrameworkError } from './framework-error'
import { createRunBus } from './internal/run-bus'
import { executeRun } from './internal/run-execution'
import { validateParameters } from './parameters'
import type { RunObserver } from './run-observer'
import type { RunState } from './run-state'
import { createStorageObserver } from './storage-observer'
import type { TestRegistry } from './test-registry'

export interface RunnerOptions {
  instruments: InstrumentSet
  /**
   * How the DUT sockets are wired (`boardWiring(config)`) [one DUT; on the simulator, the sockets it reports].
   */
  board?: BoardWiring
  /** Where runs are kept; without it nothing is persisted and no bench lock is taken. */
  storage?: StorageBackend | null
  clock: Clock
  registry: TestRegistry
  /** Station name (`station.name`), stored with every run; null: the bench's, else this host's (provenance.ts). */
  station?: string | null
  /** Default operator when a run does not name one. */
  operator?: string | null
  softwareVersion: string
  /** The effective configuration, stored with every run (and its `physics.seed`). */
  config?: DvtConfig | null
  /** Which bench the lock is taken on [`instruments.benchKey`: the simulator's address or the VISA resources]. */
  benchKey?: string
  /** Check every instrument answers `*IDN?` before the first step [true]. */
  probe?: boolean
  /** Records each run's instrument exchanges to its session file (docs/sessions.md); none without it. */
  recorder?: SessionRecorder | null
}

export interface RunOptions {
  serial?: string | null
  description?: string | null
  operator?: string | null
  /** Aborting it aborts the run (like `runner.abort()`). */
  signal?: AbortSignal
  /** The run's ID (a UUID) [a new one]; a campaign names the run of a point before it starts. */
  runId?: string
  /** The campaign the run belongs to, stored with it. */
  campaignId?: string | null
  /** The caller already holds the bench lock for this run (a campaign holds it across its runs): none is taken. */
  benchHeld?: boolean
}

/** The test executive: runs one test at a time on one bench. */
export interface Runner {
  /**
   * Runs a test to its end and resolves with the final state. Throws (before any run exists) for an
   * unknown test, a bad parameter, or a busy bench.
   */
  run(testName: string, rawParams?: Record<string, unknown>, options?: RunOptions): Promise<RunState>
  /** Aborts the runs in progress (status `aborted`, bench left safe). */
  abort(reason?: string): void
  /** Every event of every run, with the state after it. Returns the unsubscribe function. */
  subscribe(observer: RunObserver): () => void
}

async function busy(
  storage: StorageBackend,
  holder: { runId: string; pid: number; hostname: string; since: string },
): Promise<FrameworkError> {
  // A campaign holds the bench under its own ID across its runs.
  const campaign = await storage.getCampaign(holder.runId).catch(() => null)
  const what = campaign
    ? `campaign ${holder.runId.slice(0, 8)} (${campaign.name})`
    : `run ${holder.runId.slice(0, 8)} (${(await storage.getRun(holder.runId).catch(() => null))?.test ?? 'unknown test'})`
  return new FrameworkError(
    'FRAMEWORK_BENCH_BUSY',
    `the bench is busy: ${what} started by pid ${holder.pid} on ${holder.hostname} at ${holder.since} holds it — wait for it to finish or abort it`,
  )
}

export function createRunner(options: RunnerOptions): Runner {
  const observers = new Set<RunObserver>()
  const active = new Set<AbortController>()
  const storageObserver = options.storage ? createStorageObserver(options.storage) : null
  const benchKey = options.benchKey ?? options.instruments.benchKey

  async function takeBench(runId: string): Promise<void> {
    if (!options.storage) return
    const holder = await options.storage.acquireBench(benchKey, runId)
    if (holder) throw await busy(options.storage, holder)
  }

  async function run(testName: string, rawParams: Record<string, unknown> = {}, runOptions: RunOptions = {}) {
    const test = options.registry.get(testName)
    const params = validateParameters(test, rawParams)
    const runId = runOptions.runId ?? randomUUID()
    // Registered before the bench is taken, so an abort while the lock is being taken is not lost.
    const controller = new AbortController()
    active.add(controller)
    try {
      if (!runOptions.benchHeld) await takeBench(runId)
    } catch (error) {
      active.delete(controller)
      throw error
    }
    options.recorder?.begin({ runId, test: test.name, backend: options.instruments.backend })
    const onAbort = () => controller.abort(runOptions.signal?.reason ?? 'aborted')
    runOptions.signal?.addEventListener('abort', onAbort, { once: true })
    if (runOptions.signal?.aborted) onAbort()
    const timebase = { origin: options.clock.now() }
    const bus = createRunBus(
      runId,
      { recorder: storageObserver, watchers: () => observers },
      () => options.clock.now() - timebase.origin,
    )
    try {
      return await executeRun({ test, params, bus, runId, timebase, signal: controller.signal, options, runOptions })
    } finally {
      runOptions.signal?.removeEventListener('abort', onAbort)
      active.delete(controller)
      for (const problem of await bus.settle()) process.emitWarning(problem)
      if (!runOptions.benchHeld) await options.storage?.releaseBench(benchKey, runId)
    }
  }

  return {
    run,
    abort(reason = 'aborted by the operator') {
      for (const controller of active) controller.abort(reason)
    },
    subscribe(observer) {
      observers.add(observer)
      return () => observers.delete(observer)
    },
  }
}
