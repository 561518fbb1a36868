import type { FastifyInstance, FastifyRequest } from 'fastify'
import { benchQuerySchema, controlRequestSchema, scpiRequestSchema } from '../../schemas/control'
import { parseInput } from '../../schemas/parse'

/** The bench a request names with `?bench=<name>` (default: the first, the local bench); unknown → 404. */
function benchOf(app: FastifyInstance, request: FastifyRequest) {
  const { bench } = parseInput(benchQuerySchema, request.query, 'the bench')
  return app.benches.get(bench)
}

/** `POST /api/control` (the controls form) and `POST /api/scpi` (the console), each to `?bench=<name>`. */
export async function controlRoutes(app: FastifyInstance): Promise<void> {
  app.post('/api/control', async (request) => {
    const link = benchOf(app, request)
    const control = parseInput(controlRequestSchema, request.body, 'the control request')
    return link.control.apply(control)
  })

  app.post('/api/scpi', async (request) => {
    const link = benchOf(app, request)
    const { instrument, command } = parseInput(scpiRequestSchema, request.body, 'the SCPI request')
    return link.control.exchange(instrument, command)
  })

  app.get('/api/status', async (request) => {
    const link = benchOf(app, request)
    return {
      bench: link.info.name,
      sim: { connected: link.telemetry.connected() },
      telemetry: link.telemetry.latest(),
      run: app.runService.active(),
    }
  })
}
