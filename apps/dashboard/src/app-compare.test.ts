import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defaultRegistry } from '@dvt/framework'
import { createTestRunner, recordRuns, startVirtualBench, type VirtualBenchHost } from '@dvt/framework/testing'
import { pdfText } from '@dvt/reports/testing'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { testConfig, unreachableSimulator } from './testing/test-config'

describe('comparison API: GET /api/compare and the report with a comparison', () => {
  let env: ReturnType<typeof testConfig>
  let app: FastifyInstance
  let host: VirtualBenchHost
  let low: string
  let high: string

  beforeAll(async () => {
    env = testConfig({ instruments: { simulator: await unreachableSimulator() } })
    app = await buildApp({ config: env.config })
    await app.ready()
    host = await startVirtualBench({ DVT__DUT__PARAMETERS__TEMPCO_PPM_PER_C: '10' })
    const runner = createTestRunner({
      instruments: host.instruments,
      storage: app.storage,
      registry: defaultRegistry,
      station: 'compare-api',
      config: host.config,
    })
    const plan = [{ test: 'tempco', parameters: { points_c: [-40, 25, 85], limit_ppm_per_c: 200 } }]
    low = (await recordRuns(runner, app.storage, plan))[0]!.run.id
    await host.instruments.control!.setDutParameter('TEMPCO_PPM_PER_C', 150)
    high = (await recordRuns(runner, app.storage, plan))[0]!.run.id
  })
  afterAll(async () => {
    await host?.close()
    await app?.close()
    env?.cleanup()
  })

  it('compares two runs by full ID or prefix, flagging the tempco of a 10 and a 150 ppm/°C part', async () => {
    const res = await app.inject(`/api/compare?a=${low.slice(0, 8)}&b=${high}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ a: { id: low, test: 'tempco' }, b: { id: high }, level: 0.95 })
    expect(body.significant).toContain('tempco_ppm_per_c')
    expect(body.curves[0]).toMatchObject({ parameter: 'vout_avg', x: { key: 'temperature' } })
    expect(body.curves[0].matched).toHaveLength(3)
    expect(JSON.stringify(body)).not.toMatch(/parquetPath|hostname/)
  })

  it('answers 400 for a malformed or missing run ID and 404 for an unknown one, each with a sentence', async () => {
    const malformed = await app.inject(`/api/compare?a=../etc&b=${high}`)
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error).toMatch(/must be a run ID/)
    const missing = await app.inject(`/api/compare?a=${low}`)
    expect(missing.statusCode).toBe(400)
    expect(missing.json().error).toMatch(/the comparison query/)
    const unknown = await app.inject(`/api/compare?a=${low}&b=ffffffff`)
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toMatch(/no run matches "ffffffff"/)
    expect((await app.inject(`/api/runs/${low}/report.pdf?compare=ffffffff`)).statusCode).toBe(404)
    expect((await app.inject(`/api/runs/${low}/report.pdf?compared=${high}`)).statusCode).toBe(400)
  })

  it('renders the PDF report of run a with the section comparing it with run b', async () => {
    const res = await app.inject(`/api/runs/${low}/report.pdf?compare=${high}`)
    expect(res.statusCode).toBe(200)
    const name = `tempco_${low.slice(0, 8)}_vs_${high.slice(0, 8)}_\\d{8}-\\d{6}\\.pdf`
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="${name}"$`))
    const file = join(env.dir, 'compared.pdf')
    writeFileSync(file, res.rawPayload)
    const text = pdfText(file)
    // Headings are letter-spaced capitals, which pdftotext spreads out.
    expect(text).toMatch(/C O M\s?PA R I S O N W I T H R U N/)
    expect(text).toMatch(new RegExp(`Run b\\s+${high}`))
    expect(text).toMatch(
      /\d of 4 results of run b differ from run a beyond the two runs' own noise \(95 %\): tempco_ppm_per_c/,
    )
    expect(text).toMatch(/tempco_ppm_per_c\s+10\.\d+\s+15\d\.\d+\s+14\d\.\d+\s+± [\d.]+\s+ppm\/°C\s+DIFFERENT/)
    expect(text).toContain('Output voltage vs chamber temperature: a and b')
  })
})
