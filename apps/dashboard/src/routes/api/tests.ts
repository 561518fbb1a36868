import type { FastifyInstance } from 'fastify'

/** `GET /api/tests`: every test with its description and parameters as JSON Schema (with defaults). */
export async function testRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/tests', async () => ({ tests: app.runService.listTests() }))
}
