import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { buildApp } from './app'
import { startDashboard } from './server'
import { testConfig, unreachableSimulator } from './testing/test-config'
import { testRegistry } from './testing/test-registry'

const token = 'correct-horse-battery-staple'

/** Opens a WebSocket and resolves with the HTTP status of a refused upgrade, or 101. */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      res.resume()
    })
    ws.on('error', (e) => reject(e))
  })
}

describe('security', () => {
  let env: ReturnType<typeof testConfig>
  let app: FastifyInstance

  beforeAll(async () => {
    env = testConfig({ instruments: { simulator: await unreachableSimulator() }, dashboard: { token } })
    const webRoot = join(env.dir, 'web')
    mkdirSync(webRoot)
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>DVT Bench</title>')
    app = await buildApp({ config: env.config, registry: testRegistry, webRoot })
    app.get('/api/boom', async () => {
      throw new Error('secret internals at /srv/x.ts:12')
    })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    env?.cleanup()
  })

  it('refuses to bind a non-loopback address without a token', async () => {
    const open = testConfig({ instruments: { simulator: await unreachableSimulator() } })
    try {
      await expect(buildApp({ config: open.config, host: '0.0.0.0' })).rejects.toThrow(
        /the dashboard would listen on 0\.0\.0\.0, which other machines can reach, without a token — set dashboard\.token/,
      )
    } finally {
      open.cleanup()
    }
  })

  it('requires the token for the API when one is configured', async () => {
    const none = await app.inject('/api/tests')
    expect(none.statusCode).toBe(401)
    expect(none.json().error).toMatch(/this dashboard requires a token — open it once as \/\?token=/)
    expect(
      (await app.inject({ url: '/api/tests', headers: { authorization: 'Bearer wrong-token-value' } })).statusCode,
    ).toBe(401)
    expect((await app.inject({ url: '/api/tests', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
      200,
    )
    expect((await app.inject({ url: '/api/tests', headers: { cookie: `dvt_token=${token}` } })).statusCode).toBe(200)
  })

  it('turns /?token=… into a cookie and redirects without the token', async () => {
    const res = await app.inject('/results?token=' + token)
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('/results')
    expect(String(res.headers['set-cookie'])).toMatch(
      /^dvt_token=correct-horse-battery-staple; HttpOnly; SameSite=Strict; Path=\//,
    )
    expect((await app.inject('/?token=not-the-token')).statusCode).toBe(401)
  })

  it('serves the web app shell and falls back to index.html for client routes', async () => {
    for (const url of ['/', '/results/1a2b3c4d', '/tests']) {
      const res = await app.inject(url)
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('<title>DVT Bench</title>')
    }
  })

  it('answers unknown API paths and internal errors with one JSON sentence, never a stack', async () => {
    const auth = { authorization: `Bearer ${token}` }
    const missing = await app.inject({ url: '/api/nothing', headers: auth })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ error: 'there is no GET /api/nothing in the dashboard API' })
    const boom = await app.inject({ url: '/api/boom', headers: auth })
    expect(boom.statusCode).toBe(500)
    expect(boom.json()).toEqual({ error: 'the dashboard hit an internal error — the server log has the details' })
    expect(boom.body).not.toContain('secret')
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/control',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"setpoint_c":',
    })
    expect(badJson.statusCode).toBe(400)
    expect(Object.keys(badJson.json())).toEqual(['error'])
  })

  it('refuses API calls from another origin', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/control',
      headers: { authorization: `Bearer ${token}`, origin: 'http://evil.example', host: '127.0.0.1:8080' },
      payload: { setpoint_c: 30 },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().error).toMatch(/requests from http:\/\/evil\.example are refused/)
  })

  it('checks the token and the Origin of WebSocket upgrades', async () => {
    const env2 = testConfig({ instruments: { simulator: await unreachableSimulator() }, dashboard: { token } })
    const dashboard = await startDashboard({ config: env2.config, registry: testRegistry, port: 0 })
    try {
      const url = `${dashboard.url.replace('http', 'ws')}/api/ws`
      const origin = dashboard.url
      expect(await upgradeStatus(url, { origin })).toBe(401)
      expect(await upgradeStatus(url, { origin: 'http://evil.example', cookie: `dvt_token=${token}` })).toBe(403)
      expect(await upgradeStatus(url, { origin, cookie: `dvt_token=${token}` })).toBe(101)
    } finally {
      await dashboard.close()
      env2.cleanup()
    }
  })
})
