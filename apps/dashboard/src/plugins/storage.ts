import { type DataSettings, openConfiguredStorage, type StorageBackend } from '@dvt/storage'
import { closeWithApp, definePlugin } from '../internal/define-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where runs live (`data.database_url` or `data.database_path`, and `data.measurements_dir`). */
    storage: StorageBackend
  }
}

/**
 * Opens the run store of the `data` settings (the lab's PostgreSQL or the SQLite file; its other options keep their
 * defaults); runs left `running` by a dead process are closed as interrupted.
 */
export const storagePlugin = definePlugin<{ data: DataSettings }>(
  async (app, { data }) => {
    const storage = closeWithApp(app, await openConfiguredStorage(data))
    app.decorate('storage', storage)
    try {
      await storage.recoverInterruptedRuns()
    } catch (error) {
      app.log.warn({ err: error }, 'could not recover interrupted runs')
    }
  },
  { name: 'dvt-storage' },
)
