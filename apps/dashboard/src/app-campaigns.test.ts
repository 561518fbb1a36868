import { newCampaign } from '@dvt/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { testConfig, unreachableSimulator } from './testing/test-config'

describe('campaigns API', () => {
  let env: ReturnType<typeof testConfig>
  let app: FastifyInstance
  let ids: string[]

  beforeAll(async () => {
    env = testConfig({ instruments: { simulator: await unreachableSimulator() } })
    app = await buildApp({ config: env.config })
    await app.ready()
    const a = await app.storage.createCampaign(newCampaign({ name: 'First', startedAt: '2026-01-01T10:00:00.000Z' }))
    const b = await app.storage.createCampaign(
      newCampaign({ name: 'Second', lotName: 'LOT-Z', startedAt: '2026-01-02T10:00:00.000Z' }),
    )
    await app.storage.updateCampaign(b.id, { status: 'running' })
    ids = [a.id, b.id]
  })

  afterAll(async () => {
    await app?.close()
    env?.cleanup()
  })

  it('lists the stored campaigns newest first, without process details', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/campaigns' })
    expect(res.statusCode).toBe(200)
    const body = res.json() as { campaigns: Array<Record<string, unknown>>; total: number }
    expect(body.total).toBe(2)
    expect(body.campaigns.map((c) => c.id)).toEqual([ids[1], ids[0]])
    expect(body.campaigns[0]).toMatchObject({ name: 'Second', status: 'running', lotName: 'LOT-Z' })
    expect(body.campaigns[0]).not.toHaveProperty('pid')
    expect(body.campaigns[0]).not.toHaveProperty('hostname')
  })

  it('filters by status and search, and refuses a bad query with a sentence', async () => {
    const running = await app.inject({ method: 'GET', url: '/api/campaigns?status=running' })
    expect(running.json().campaigns.map((c: { id: string }) => c.id)).toEqual([ids[1]])
    const search = await app.inject({ method: 'GET', url: '/api/campaigns?search=LOT-Z' })
    expect(search.json().total).toBe(1)
    const bad = await app.inject({ method: 'GET', url: '/api/campaigns?status=bogus' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatch(/^the campaigns query/)
  })
})
