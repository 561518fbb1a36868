import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sampleCampaignSummary, storeSampleCampaign } from '@dvt/reports/testing'
import { newCampaign } from '@dvt/storage/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { testConfig, unreachableSimulator } from './testing/test-config'

const sample = sampleCampaignSummary({ name: 'Datasheet <b>LDO</b>' })

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
    await storeSampleCampaign(app.storage, sample)
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
    expect(body.total).toBe(3)
    expect(body.campaigns.map((c) => c.id)).toEqual([sample.campaign.id, ids[1], ids[0]])
    expect(body.campaigns[1]).toMatchObject({ name: 'Second', status: 'running', lotName: 'LOT-Z' })
    expect(body.campaigns[1]).not.toHaveProperty('pid')
    expect(body.campaigns[1]).not.toHaveProperty('hostname')
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

  it('gives the summary of a campaign by its ID or prefix: the record, lot, points, results and the lot statistics', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/campaigns/${sample.campaign.id.slice(0, 8)}` })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    const { pid: _p, hostname: _h, ...campaign } = sample.campaign
    expect(body.campaign).toEqual(campaign)
    expect(body.duts).toEqual(sample.duts)
    expect(body.points).toHaveLength(sample.points.length)
    expect(body.points.every((p: { status: string }) => p.status === 'done')).toBe(true)
    expect(body.results).toHaveLength(sample.results.length)
    expect(body.statistics).toEqual(sample.statistics)
    expect(body.accuracy).toEqual(sample.accuracy)
  })

  it('serves the datasheet PDF of a campaign (real Chromium), with the name of the plan as text', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/campaigns/${sample.campaign.id}/report.pdf` })
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="campaign_LOT24-07_7c1d52e0_\d{8}-\d{6}\.pdf"$/,
    )
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const file = join(env.dir, 'served.pdf')
    writeFileSync(file, res.rawPayload)
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    expect(text).toContain('Electrical characteristics')
    expect(text).toContain('Datasheet <b>LDO</b>')
  })

  it('answers an unknown campaign 404, a bad ID 400, each with a sentence', async () => {
    const unknown = await app.inject({ method: 'GET', url: '/api/campaigns/deadbeef' })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toBe('no campaign matches "deadbeef" — "dvt list-campaigns" shows the IDs')
    const pdf = await app.inject({ method: 'GET', url: '/api/campaigns/deadbeef/report.pdf' })
    expect(pdf.statusCode).toBe(404)
    const bad = await app.inject({ method: 'GET', url: '/api/campaigns/not-an-id' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatch(/^the campaign ID/)
  })

  it('refuses to start an invalid plan with its problems (422), and nothing is stored', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: { yaml: 'name: x\nlot: { name: L, size: 2 }\nsockets: 1\ntemperatures_c: []\nsteps: []\n' },
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().problems.length).toBeGreaterThan(0)
    expect(res.json().problems.every((p: string) => /^plan:\d+: /.test(p))).toBe(true)
    const list = await app.inject({ method: 'GET', url: '/api/campaigns' })
    expect(list.json().total).toBe(3)
  })

  it('a valid plan on a bench that cannot be reached is a sentence, and no campaign is stored', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      payload: {
        yaml: 'name: x\nlot: { name: L, size: 2 }\nsockets: 1\ntemperatures_c: [25]\nsteps:\n  - test: line_regulation\n',
      },
    })
    expect(res.statusCode).toBe(502)
    expect(res.json().error).toMatch(/^cannot reach/)
    expect((await app.inject({ method: 'GET', url: '/api/campaigns' })).json().total).toBe(3)
  })

  it('aborting a campaign this dashboard does not run is a 409 sentence; resuming an unknown one a 404', async () => {
    const abort = await app.inject({ method: 'POST', url: `/api/campaigns/${ids[1]}/abort` })
    expect(abort.statusCode).toBe(409)
    expect(abort.json().error).toBe(`campaign ${ids[1]!.slice(0, 8)} is not running here, so there is nothing to abort`)
    const resume = await app.inject({ method: 'POST', url: '/api/campaigns/deadbeef/resume' })
    expect(resume.statusCode).toBe(404)
  })
})
