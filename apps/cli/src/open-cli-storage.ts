import type { DvtConfig } from '@dvt/config'
import { openStorage, type SqliteStorage } from '@dvt/storage'

/**
 * Opens the run store of the config. Runs left `running` by a process that died (kill -9, power cut) are marked
 * `error` ("interrupted") and their staged measurements compacted, so every command sees a consistent store.
 */
export async function openCliStorage(config: DvtConfig): Promise<SqliteStorage> {
  const storage = openStorage({
    databasePath: config.data.database_path,
    measurementsDir: config.data.measurements_dir,
  })
  const recovered = await storage.recoverInterruptedRuns()
  for (const run of recovered) {
    console.error(`note: run ${run.id.slice(0, 8)} (${run.test}) was interrupted; marked "error", measurements kept.`)
  }
  return storage
}
