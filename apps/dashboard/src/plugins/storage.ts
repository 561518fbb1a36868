import { openStorage, type StorageBackend } from '@dvt/storage'
import { definePlugin } from '../internal/define-plugin'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where runs live (`data.database_path`, `data.measurements_dir`). */
    storage: StorageBackend
  }
}

export interface StoragePluginOptions extends Record<string, unknown> {
  databasePath: string
  measurementsDir: string
}

/** Opens the run store; runs left `running` by a dead process are closed as interrupted. */
export const storagePlugin = definePlugin<StoragePluginOptions>(
  async (app, { databasePath, measurementsDir }) => {
    const storage = openStorage({ databasePath, measurementsDir })
    app.decorate('storage', storage)
    try {
      await storage.recoverInterruptedRuns()
    } catch (error) {
      app.log.warn({ err: error }, 'could not recover interrupted runs')
    }
    app.addHook('onClose', async () => storage.close())
  },
  { name: 'dvt-storage' },
)
