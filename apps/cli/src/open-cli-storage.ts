import type { DvtConfig } from '@dvt/config'
import { openStorage, type RunRecord, type SqliteStorage } from '@dvt/storage'

/** Tells the person at the terminal which runs a dead process had left open (now closed as interrupted). */
export function reportRecovered(recovered: readonly RunRecord[]): void {
  for (const run of recovered) {
    console.error(`note: run ${run.id.slice(0, 8)} (${run.test}) was interrupted; marked "error", measurements kept.`)
  }
}

/**
 * Opens the run store of the config. Runs left `running` by a process that died (kill -9, power cut) are marked
 * `error` ("interrupted") and their staged measurements compacted, so every command sees a consistent store.
 */
export async function openCliStorage(config: DvtConfig): Promise<SqliteStorage> {
  const storage = openStorage({
    databasePath: config.data.database_path,
    measurementsDir: config.data.measurements_dir,
  })
  reportRecovered(await storage.recoverInterruptedRuns())
  return storage
}
