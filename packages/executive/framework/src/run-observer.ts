import type { RunEvent } from './run-events'
import type { RunState } from './run-state'

/**
 * Receives every event of a run with the state after it. May return a promise (e.g. storage compaction at the
 * end); the runner waits for those before `run()` resolves.
 */
export type RunObserver = (event: RunEvent, state: RunState) => void | Promise<void>
