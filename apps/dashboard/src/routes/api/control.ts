import type { FastifyInstance } from 'fastify'
import { controlRequestSchema, scpiRequestSchema } from '../../schemas/control'
import { parseInput } from '../../schemas/parse'

/** `POST /api/control` (the controls form) and `POST /api/scpi` (the console). */
export async function controlRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/control', async (request) => {
    const control = parseInput(controlRequestSchema, request.body, 'the control request')
    return app.bench.apply(control)
  })

  app.post('/api/scpi', async (request) => {
    const { instrument, command } = parseInput(scpiRequestSchema, request.body, 'the SCPI request')
    return app.bench.exchange(instrument, command)
  })

  app.get('/api/status', async () => ({
    sim: { connected: app.telemetry.connected() },
    telemetry: app.telemetry.latest(),
    run: app.runService.active(),
  }))
}
