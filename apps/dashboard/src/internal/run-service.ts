import type { DvtConfig } from '@dvt/config'
import { describeParameters, openRunSession, type RunEvent, type TestRegistry } from '@dvt/framework'
import type { StorageBackend } from '@dvt/storage'
import { DashboardError } from '../errors'
import type { StartRunRequest } from '../schemas/runs'
import { BenchSlots } from './bench-target'

/** A test as `GET /api/tests` lists it. */
export interface TestInfo {
  name: string
  description: string
  /** JSON Schema of the parameters (zod 4 `toJSONSchema`, input side: defaults shown, not required). */
  parameters: unknown
}

/**
 * Runs tests in the dashboard's process through the framework runner: one at a time on each bench — the dashboard's
 * own (`instruments`), or any bench of the fleet named in the request (`dashboard.benches`).
 */
export interface RunService {
  listTests(): TestInfo[]
  /** Resolves with the run ID as soon as the run has started (it then runs in the background). */
  start(request: StartRunRequest): Promise<{ id: string }>
  /** Aborts an active run; a run that is not active is refused with a sentence. */
  abort(id: string): true
  /** The active run on a bench (by its key, `benchTarget`): the dashboard's own by default. */
  active(bench?: string): { id: string; test: string } | null
  /** The active runs' events so far, bench by bench (replayed to a browser that connects mid-run). */
  activeEvents(): readonly RunEvent[]
  close(): Promise<void>
}

export interface RunServiceOptions {
  config: DvtConfig
  storage: StorageBackend
  registry: TestRegistry
  /** Receives every event of every run (the WebSocket fan-out). */
  onEvent(event: RunEvent): void
  onError(error: unknown): void
}

const maxReplayEvents = 5000

interface ActiveRun {
  id: string
  test: string
  events: RunEvent[]
  abort(): void
  done: Promise<unknown>
}

/**
 * Runs one test on a fresh instrument set; resolves once the run exists (`run-started`), or rejects with the
 * runner's refusal (bad parameter, busy bench) before that. `onEnd` is called when the run is over.
 */
function launchRun(
  options: RunServiceOptions,
  config: DvtConfig,
  request: StartRunRequest,
  test: string,
  onEnd: (run: ActiveRun) => void,
): Promise<ActiveRun> {
  return new Promise<ActiveRun>((resolveStart, rejectStart) => {
    const opening = openRunSession(config, { storage: options.storage, registry: options.registry })
    opening.catch(rejectStart)
    void opening.then((session) => {
      const { runner } = session
      const run: ActiveRun = { id: '', test, events: [], abort: () => runner.abort(), done: Promise.resolve() }
      runner.subscribe((event: RunEvent) => {
        if (event.type === 'run-started') {
          run.id = event.runId
          resolveStart(run)
        }
        if (run.events.length < maxReplayEvents) run.events.push(event)
        options.onEvent(event)
      })
      const meta = { serial: request.serial ?? null, operator: request.operator ?? null }
      run.done = runner
        .run(test, request.parameters, { ...meta, description: request.description ?? null })
        .catch((error: unknown) => {
          if (run.id) options.onError(error)
          else rejectStart(error)
        })
        .finally(async () => {
          rejectStart(new Error(`the ${test} run ended before it started`))
          onEnd(run)
          await session.close()
        })
    })
  })
}

/** Creates the run service. */
export function createRunService(options: RunServiceOptions): RunService {
  const { registry } = options
  const benches = new BenchSlots<ActiveRun>(options.config)

  return {
    listTests: () =>
      registry.list().map((t) => ({ name: t.name, description: t.description, parameters: describeParameters(t) })),
    async start(request) {
      const test = registry.get(request.test)
      const { label, config, slot } = benches.target(request.bench)
      if (slot.current || slot.starting) {
        const which = slot.current ? `run ${slot.current.id.slice(0, 8)} (${slot.current.test})` : 'another run'
        throw new DashboardError(
          'DASHBOARD_BENCH_BUSY',
          `${label} is busy: ${which} is running — abort it or wait for it to finish`,
        )
      }
      slot.starting = true
      try {
        const run = await launchRun(options, config, request, test.name, (ended) => {
          if (slot.current === ended) slot.current = null
        })
        if (run.events.at(-1)?.type !== 'run-finished') slot.current = run
        return { id: run.id }
      } finally {
        slot.starting = false
      }
    },
    abort(id) {
      const run = benches.byId(id)
      if (!run) {
        throw new DashboardError(
          'DASHBOARD_NOT_RUNNING',
          `run ${id.slice(0, 8)} is not running here, so there is nothing to abort`,
        )
      }
      run.abort()
      return true
    },
    active: (bench) => {
      const run = benches.current(bench)
      return run ? { id: run.id, test: run.test } : null
    },
    activeEvents: () => benches.running().flatMap((run) => run.events),
    async close() {
      const runs = benches.running()
      for (const run of runs) run.abort()
      await Promise.all(runs.map((run) => run.done))
    },
  }
}
