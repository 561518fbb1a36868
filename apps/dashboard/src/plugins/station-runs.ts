import { definePlugin } from '../internal/define-plugin'
import { createStationRuns, type StationRuns } from '../internal/station-runs'

declare module 'fastify' {
  interface FastifyInstance {
    /** The latest run of every station, from the store's run-event feed (runs of any process on any host). */
    stationRuns: StationRuns
  }
}

/**
 * Watches the store's run-event feed (docs/adr/0007-lab-storage-and-the-run-event-feed.md) and sends each station's
 * latest run to the browsers as `{type:'station-run', run}`: a `dvt run-test` in a terminal shows on the Fleet page.
 */
export const stationRunsPlugin = definePlugin<Record<string, never>>(
  async (app) => {
    const runs = await createStationRuns({
      storage: app.storage,
      onChange: (run) => app.hub.broadcast({ type: 'station-run', run }),
      onError: (error) => app.log.warn({ err: error }, 'the run-event feed failed'),
    })
    app.decorate('stationRuns', runs)
    app.addHook('preClose', async () => runs.close())
  },
  { name: 'dvt-station-runs', dependencies: ['dvt-storage', 'dvt-websocket'] },
)
