import { compareRuns, loadRunData } from '@dvt/analysis'
import type { FastifyInstance } from 'fastify'
import { parseInput } from '../../schemas/parse'
import { compareQuerySchema } from '../../schemas/runs'

/** `GET /api/compare?a=&b=`: two stored runs compared as `dvt compare a b --json` does (docs/compare.md). */
export async function compareRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/compare', async (request) => {
    const { a, b } = parseInput(compareQuerySchema, request.query, 'the comparison query')
    return compareRuns(await loadRunData(app.storage, a), await loadRunData(app.storage, b))
  })
}
