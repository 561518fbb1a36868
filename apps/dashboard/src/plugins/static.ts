import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import { DashboardError } from '../errors'
import { definePlugin } from '../internal/define-plugin'

export interface StaticPluginOptions extends Record<string, unknown> {
  /** The built web app (`vite build` output). */
  root: string
}

/**
 * Serves the built web app; any other non-API GET gets index.html (the app routes on the client).
 * Unknown API paths are a JSON 404 sentence.
 */
export const staticPlugin = definePlugin<StaticPluginOptions>(
  async (app, { root }) => {
    const built = existsSync(join(root, 'index.html'))
    if (built) await app.register(fastifyStatic, { root, wildcard: true, index: ['index.html'] })
    app.setNotFoundHandler(async (request, reply) => {
      const path = request.url.split('?')[0] ?? ''
      if (path.startsWith('/api/') || path === '/api' || request.method !== 'GET') {
        throw new DashboardError('DASHBOARD_NOT_FOUND', `there is no ${request.method} ${path} in the dashboard API`)
      }
      if (!built) {
        throw new DashboardError(
          'DASHBOARD_NOT_FOUND',
          'the web app is not built — run "pnpm build" (it writes apps/dashboard/dist/web)',
        )
      }
      return reply.type('text/html').sendFile('index.html')
    })
  },
  { name: 'dvt-static' },
)
