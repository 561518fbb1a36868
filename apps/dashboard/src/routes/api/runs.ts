import type { RunRecord } from '@dvt/storage'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { parseInput } from '../../schemas/parse'
import { reportQuerySchema, runListQuerySchema, runParamsSchema, startRunSchema } from '../../schemas/runs'

/** A run as the API shows it: no server file paths or process details. */
function publicRun(run: RunRecord) {
  const { parquetPath: _path, pid: _pid, hostname: _host, ...rest } = run
  return rest
}

/** Validates `:id` (UUID or 8-hex prefix) and resolves it to a full ID (unknown → 404). */
function runIdOf(app: FastifyInstance, request: FastifyRequest): Promise<string> {
  const { id } = parseInput(runParamsSchema, request.params, 'the run ID')
  return app.storage.resolveRunId(id)
}

/** Stored runs (list, detail, Arrow measurements, PDF) and starting/aborting runs. */
export async function runRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/runs', async (request) => {
    const query = parseInput(runListQuerySchema, request.query, 'the runs query')
    const page = await app.storage.listRuns(query)
    return { runs: page.runs.map(publicRun), total: page.total, limit: query.limit, offset: query.offset }
  })

  app.get('/api/runs/:id', async (request) => {
    const id = await runIdOf(app, request)
    const [run, results, events] = await Promise.all([
      app.storage.getRun(id),
      app.storage.getResults(id),
      app.storage.getEvents(id),
    ])
    return { run: publicRun(run!), results, events }
  })

  app.get('/api/runs/:id/measurements', async (request, reply) => {
    const id = await runIdOf(app, request)
    const bytes = await app.storage.readMeasurementsArrow(id)
    return reply
      .type('application/vnd.apache.arrow.stream')
      .header('cache-control', 'no-store')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  })

  app.get('/api/runs/:id/report.pdf', async (request, reply) => {
    const id = await runIdOf(app, request)
    const { compare } = parseInput(reportQuerySchema, request.query, 'the report query')
    const { fileName, bytes } = await app.reports.render(id, compare)
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(bytes)
  })

  app.post('/api/runs', async (request, reply) => {
    const body = parseInput(startRunSchema, request.body ?? {}, 'the run request')
    const { id } = await app.runService.start(body)
    return reply.code(202).send({ id })
  })

  app.post('/api/runs/:id/abort', async (request) => {
    const id = await runIdOf(app, request)
    return { aborted: app.runService.abort(id) }
  })
}
