import type { DvtConfig } from '@dvt/config'
import { openConfiguredStorage, type RunRecord, type StorageBackend } from '@dvt/storage'

/** Tells the person at the terminal which runs a dead process had left open (now closed as interrupted). */
export function reportRecovered(recovered: readonly RunRecord[]): void {
  for (const run of recovered) {
    console.error(`note: run ${run.id.slice(0, 8)} (${run.test}) was interrupted; marked "error", measurements kept.`)
  }
}

/**
 * Opens the run store of the config (PostgreSQL at `data.database_url`, or the SQLite file; node-postgres loads only
 * for the first). Runs left `running` by a process that died (kill -9, power cut) are marked `error` ("interrupted")
 * and their staged measurements compacted, so every command sees a consistent store.
 */
export async function openCliStorage(config: DvtConfig): Promise<StorageBackend> {
  // An unreachable database is one sentence and exit 2 (reportError).
  const storage = await openConfiguredStorage(config.data)
  try {
    reportRecovered(await storage.recoverInterruptedRuns())
  } catch (error) {
    await storage.close()
    throw error
  }
  return storage
}
