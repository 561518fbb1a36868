import { openStorage, type StorageBackend, type StorageOptions } from '@dvt/storage'
import { closeWithApp, definePlugin } from '../internal/define-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where runs live (`data.database_path`, `data.measurements_dir`). */
    storage: StorageBackend
  }
}

/**
 * Opens the run store at the two paths (its other options keep their defaults); runs left `running` by a dead process
 * are closed as interrupted.
 */
export const storagePlugin = definePlugin<Pick<StorageOptions, 'databasePath' | 'measurementsDir'>>(
  async (app, { databasePath, measurementsDir }) => {
    const storage = closeWithApp(app, openStorage({ databasePath, measurementsDir }))
    app.decorate('storage', storage)
    try {
      await storage.recoverInterruptedRuns()
    } catch (error) {
      app.log.warn({ err: error }, 'could not recover interrupted runs')
    }
  },
  { name: 'dvt-storage' },
)
