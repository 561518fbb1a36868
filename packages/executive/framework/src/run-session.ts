import { DVT_VERSION, type DvtConfig } from '@dvt/config'
import {
  createInstrumentSet,
  type InstrumentSet,
  type InstrumentSetOptions,
  openDriverTransport,
  type TransportTarget,
} from '@dvt/drivers'
import type { SimSpeed } from '@dvt/protocol'
import { createSessionRecorder, type SessionRecorder } from '@dvt/sessions'
import { openConfiguredStorage, type RunRecord, type StorageBackend } from '@dvt/storage'
import type { Transport } from '@dvt/transports'
import { benchAddresses } from './bench-addresses'
import { boardWiring } from './board'
import { type Clock, createSimulatedClock, createWallClock } from './clock'
import { defaultRegistry } from './default-registry'
import { createRunner, type Runner } from './runner'
import type { TestRegistry } from './test-registry'

export interface RunSessionOptions {
  /**
   * Where runs are kept. Omitted: the store of `config.data` is opened (PostgreSQL at `data.database_url`, or the
   * SQLite file; runs a dead process left open are recovered first) and closed with the session. Given: used as it is and left open. `null`: nothing is stored.
   */
  storage?: StorageBackend | null
  /** The tests on offer [the DVT library]. */
  registry?: TestRegistry
  /** Probe every instrument (`*IDN?`) before each run's first step [true]. */
  probeEachRun?: boolean
  /** Opens one instrument's transport (tests); TCP by default. */
  openTransport?: InstrumentSetOptions['openTransport']
  /**
   * Record every run's instrument exchanges to `<data.measurements_dir>/sessions/run_<id>.ndjson.gz`
   * (docs/sessions.md) [`data.record_sessions` whenever runs are stored].
   */
  recordSessions?: boolean
}

/** Everything one bench needs to run tests: drivers, clock, storage and the runner, assembled in one place. */
export interface RunSession {
  readonly config: DvtConfig
  readonly instruments: InstrumentSet
  readonly clock: Clock
  readonly storage: StorageBackend | null
  readonly registry: TestRegistry
  readonly runner: Runner
  /** Runs that a dead process had left open, closed as `error` ("interrupted") when the store was opened. */
  readonly recovered: readonly RunRecord[]
  /** Checks every instrument answers; throws one sentence naming the ones that do not. */
  probe(): Promise<Record<string, string>>
  /**
   * Sets the simulator's speed for as long as the session is open (the bench is shared: `close` gives it back the
   * speed it had). Does nothing on real hardware.
   */
  useSpeed(speed: SimSpeed): Promise<void>
  /** Restores the bench's speed (see `useSpeed`), closes the connections and a store the session opened. */
  close(): Promise<void>
}

/** Every transport the instrument set opens, wrapped by the session recorder when there is one. */
function recordedTransports(
  open: (target: TransportTarget) => Transport,
  recorder: SessionRecorder | null,
): (target: TransportTarget) => Transport {
  return recorder ? (target) => recorder.wrap(target, open(target)) : open
}

/**
 * Assembles a run session from the configuration: the CLI, the dashboard and the benchmarks all start runs
 * through this one function, so a run is stored, probed, clocked and described the same way wherever it starts.
 */
export async function openRunSession(config: DvtConfig, options: RunSessionOptions = {}): Promise<RunSession> {
  const recorder =
    (options.recordSessions ?? (config.data.record_sessions && options.storage !== null))
      ? createSessionRecorder({ measurementsDir: config.data.measurements_dir, softwareVersion: DVT_VERSION })
      : null
  // Connections open lazily: nothing to undo if the store below cannot be opened.
  const instruments = createInstrumentSet(benchAddresses(config), {
    openTransport: recordedTransports(options.openTransport ?? openDriverTransport, recorder),
  })
  const ownsStorage = options.storage === undefined
  const storage = ownsStorage ? await openConfiguredStorage(config.data) : options.storage
  let recovered: RunRecord[] = []
  try {
    if (ownsStorage && storage) recovered = await storage.recoverInterruptedRuns()
  } catch (error) {
    await storage?.close()
    throw error
  }
  const clock = instruments.control ? createSimulatedClock(instruments.control) : createWallClock()
  const registry = options.registry ?? defaultRegistry
  const runner = createRunner({
    instruments,
    board: boardWiring(config),
    storage: storage ?? null,
    clock,
    registry,
    station: config.station.name,
    softwareVersion: DVT_VERSION,
    config,
    probe: options.probeEachRun ?? true,
    recorder,
  })
  let previousSpeed: SimSpeed | undefined
  return {
    config,
    instruments,
    clock,
    storage: storage ?? null,
    registry,
    runner,
    recovered,
    probe: () => instruments.probe(),
    async useSpeed(speed) {
      if (!instruments.control) return
      const before = await instruments.control.getSpeed()
      await instruments.control.setSpeed(speed)
      previousSpeed ??= before
    },
    async close() {
      if (previousSpeed !== undefined) await instruments.control?.setSpeed(previousSpeed).catch(() => undefined)
      await instruments.close()
      if (ownsStorage) await storage?.close()
    },
  }
}
