import type { EventRecord, FinalRunStatus } from '../records'
import { isFinalRunStatus } from '../records'
import { StorageError } from '../storage-error'

/** Refuses an end that is not one of the four final statuses. */
export function checkFinalStatus(status: string): asserts status is FinalRunStatus {
  if (!isFinalRunStatus(status)) {
    throw new StorageError(
      'STORAGE_INVALID_INPUT',
      `a run cannot end as "${status}" — use passed, failed, error or aborted`,
    )
  }
}

/** The error for a run that exists but is no longer open (pending / running). */
export function ended(id: string, status: string): StorageError {
  return new StorageError('STORAGE_INVALID_STATE', `run ${id} has already ended (${status}) — start a new run`)
}

/** The timeline entry recovery leaves on a run whose process died. */
export function interruptedEvent(pid: number, host: string | null): EventRecord {
  return {
    time: new Date().toISOString(),
    simTime: null,
    level: 'error',
    message: `run interrupted: its process (pid ${pid} on ${host}) ended without finishing it; the measurements taken so far are kept`,
  }
}

/** How recovery ends such a run. */
export function interruptedEnd(): { status: 'error'; completedAt: string; statusReason: string } {
  return { status: 'error', completedAt: new Date().toISOString(), statusReason: 'interrupted' }
}
