import type { FastifyReply, FastifyRequest } from 'fastify'
import { DashboardError } from '../errors'
import { isLoopback, isSameOrigin, presentedToken, sameSecret, tokenCookie } from '../internal/auth-rules'
import { definePlugin } from '../internal/define-plugin'

export interface AuthPluginOptions extends Record<string, unknown> {
  /** The bound host: a non-loopback one requires a token. */
  host: string
  token: string | null
}

/** Refuses to serve a non-loopback address without a token. */
export function checkBindSecurity(host: string, token: string | null): void {
  if (isLoopback(host) || token) return
  throw new DashboardError(
    'DASHBOARD_TOKEN_REQUIRED',
    `the dashboard would listen on ${host}, which other machines can reach, without a token — set dashboard.token ` +
      '(or DVT__DASHBOARD__TOKEN), or bind 127.0.0.1',
  )
}

/** Sets the cookie from `?token=…` and redirects to the same page without it. */
function acceptTokenVisit(request: FastifyRequest, reply: FastifyReply, token: string) {
  const url = new URL(request.url, 'http://local')
  const given = url.searchParams.get('token') ?? ''
  if (!sameSecret(given, token)) throw new DashboardError('DASHBOARD_UNAUTHORIZED', 'the token in the link is wrong')
  url.searchParams.delete('token')
  const target = url.pathname + (url.search === '?' ? '' : url.search)
  return reply
    .header('set-cookie', `${tokenCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`)
    .redirect(target, 302)
}

/**
 * Token check for the API and the WebSocket (when a token is configured) and the Origin check for every
 * API request a browser sends (WebSocket upgrades, state-changing POSTs).
 */
export const authPlugin = definePlugin<AuthPluginOptions>(
  async (app, { host, token }) => {
    checkBindSecurity(host, token)
    app.addHook('onRequest', async (request, reply) => {
      const isApi = request.url.startsWith('/api/') || request.url === '/api'
      if (token && !isApi && request.method === 'GET' && /[?&]token=/.test(request.url)) {
        return acceptTokenVisit(request, reply, token)
      }
      if (!isApi) return
      if (!isSameOrigin(request.headers.origin, request.headers.host)) {
        throw new DashboardError(
          'DASHBOARD_FORBIDDEN',
          `requests from ${request.headers.origin} are refused: only pages served by this dashboard may call its API`,
        )
      }
      if (!token) return
      const given = presentedToken(request.headers)
      if (given === null || !sameSecret(given, token)) {
        throw new DashboardError(
          'DASHBOARD_UNAUTHORIZED',
          'this dashboard requires a token — open it once as /?token=<token> or send "Authorization: Bearer <token>"',
        )
      }
    })
  },
  { name: 'dvt-auth' },
)
