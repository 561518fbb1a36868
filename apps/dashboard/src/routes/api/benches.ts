import type { FastifyInstance } from 'fastify'

/** `GET /api/benches`: every bench of the fleet, in order, with its connection, latest snapshot and latest run. */
export async function benchRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/benches', async () => {
    const runs = app.stationRuns.latest()
    return {
      benches: app.benches.links.map(({ info, telemetry }) => ({
        ...info,
        connected: telemetry.connected(),
        telemetry: telemetry.latest(),
        telemetryAt: telemetry.latest() ? telemetry.latestAt() : null,
        run: runs.find((run) => run.station === info.name) ?? null,
      })),
    }
  })
}
