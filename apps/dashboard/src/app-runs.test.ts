import { randomUUID } from 'node:crypto'
import type { StorageBackend } from '@dvt/storage'
import { tableFromIPC } from 'apache-arrow'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { testConfig, unreachableSimulator } from './testing/test-config'
import { testRegistry } from './testing/test-registry'

async function seedRun(storage: StorageBackend, test: string, startedAt: string, serial: string) {
  const id = randomUUID()
  await storage.createRun({
    id,
    test,
    startedAt,
    parameters: { points: [25] },
    config: {},
    softwareVersion: '0.1.0',
    dutSerial: serial,
  })
  await storage.startRun(id)
  return id
}

describe('runs and tests API', () => {
  let env: ReturnType<typeof testConfig>
  let app: FastifyInstance
  let ids: string[]

  beforeAll(async () => {
    env = testConfig({ instruments: { simulator: await unreachableSimulator() } })
    app = await buildApp({ config: env.config, registry: testRegistry })
    await app.ready()
    const s = app.storage
    ids = [
      await seedRun(s, 'tempco', '2026-01-01T10:00:00.000Z', 'SN-1'),
      await seedRun(s, 'dropout', '2026-01-02T10:00:00.000Z', 'SN-2'),
      await seedRun(s, 'tempco', '2026-01-03T10:00:00.000Z', 'SN-3'),
    ]
    await s.addResults(ids[0]!, [
      {
        parameter: 'tempco_ppm_per_c',
        value: 50.2,
        unit: 'ppm/°C',
        lowerLimit: -100,
        upperLimit: 100,
        passed: true,
        socket: null,
      },
    ])
    await s.addEvent(ids[0]!, {
      time: '2026-01-01T10:00:01.000Z',
      simTime: 1,
      level: 'info',
      message: 'chamber stable',
    })
    await s.appendMeasurements(ids[0]!, [
      {
        timestamp: 1,
        simTime: 1,
        parameter: 'vout',
        value: 3.295,
        unit: 'V',
        temperature: -40,
        inputVoltage: 5,
        loadCurrent: 0.1,
      },
      {
        timestamp: 2,
        simTime: 2,
        parameter: 'vout',
        value: 3.305,
        unit: 'V',
        temperature: 85,
        inputVoltage: 5,
        loadCurrent: 0.1,
      },
    ])
    await s.completeRun(ids[0]!, { status: 'passed', completedAt: '2026-01-01T10:10:00.000Z' })
    await s.completeRun(ids[1]!, { status: 'failed', completedAt: '2026-01-02T10:10:00.000Z' })
  })
  afterAll(async () => {
    await app?.close()
    env?.cleanup()
  })

  it('lists tests with their parameters as JSON Schema with defaults', async () => {
    const res = await app.inject('/api/tests')
    expect(res.statusCode).toBe(200)
    const [sweep] = res.json().tests
    expect(sweep.name).toBe('sweep')
    expect(sweep.description).toBe('Sweeps a few points.')
    expect(sweep.parameters.properties.points).toMatchObject({ type: 'array', default: [-40, 25, 85] })
    expect(sweep.parameters.properties.averages).toMatchObject({ type: 'integer', default: 10, minimum: 1 })
    expect(sweep.parameters.properties.mode).toMatchObject({ enum: ['fast', 'slow'], default: 'fast' })
  })

  it('lists runs newest first, with filters, search and paging', async () => {
    const all = (await app.inject('/api/runs')).json()
    expect(all.total).toBe(3)
    expect(all.runs.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1], ids[0]])
    expect(all.runs[0].parquetPath).toBeUndefined()
    expect((await app.inject('/api/runs?test=tempco')).json().total).toBe(2)
    expect((await app.inject('/api/runs?status=failed')).json().runs[0].id).toBe(ids[1])
    expect((await app.inject('/api/runs?search=SN-3')).json().runs[0].id).toBe(ids[2])
    expect((await app.inject('/api/runs?from=2026-01-02&to=2026-01-02T23:59:59Z')).json().total).toBe(1)
    const page = (await app.inject('/api/runs?limit=1&offset=1')).json()
    expect(page.runs.map((r: { id: string }) => r.id)).toEqual([ids[1]])
  })

  it('refuses a bad listing query with a sentence', async () => {
    const res = await app.inject('/api/runs?status=great')
    expect(res.statusCode).toBe(400)
    expect(res.json().error).toMatch(/^the runs query: "status" must be one of/)
    expect((await app.inject('/api/runs?limit=abc')).statusCode).toBe(400)
    expect((await app.inject('/api/runs?from=yesterday')).json().error).toMatch(/"from" must be a date/)
  })

  it('shows one run by full ID or 8-hex prefix, with results and events', async () => {
    for (const id of [ids[0]!, ids[0]!.slice(0, 8)]) {
      const res = await app.inject(`/api/runs/${id}`)
      expect(res.statusCode).toBe(200)
      const body = res.json()
      expect(body.run).toMatchObject({ id: ids[0], test: 'tempco', status: 'passed', dutSerial: 'SN-1' })
      expect(body.results[0]).toMatchObject({ parameter: 'tempco_ppm_per_c', passed: true })
      expect(body.events[0].message).toBe('chamber stable')
    }
  })

  it('answers 400 for a malformed run ID and 404 with a sentence for an unknown one', async () => {
    const bad = await app.inject('/api/runs/..%2F..%2Fetc%2Fpasswd')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toMatch(/must be a run ID/)
    expect((await app.inject('/api/runs/xyz/measurements')).statusCode).toBe(400)
    const unknown = await app.inject('/api/runs/ffffffff')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().error).toMatch(/no run matches "ffffffff"/)
    expect((await app.inject('/api/runs/ffffffff/report.pdf')).statusCode).toBe(404)
  })

  it('serves measurements as an Arrow IPC stream', async () => {
    const res = await app.inject(`/api/runs/${ids[0]!.slice(0, 8)}/measurements`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.apache.arrow.stream')
    const table = tableFromIPC(res.rawPayload)
    expect(table.numRows).toBe(2)
    expect(table.getChild('value')?.toArray()).toEqual(new Float64Array([3.295, 3.305]))
    expect(table.getChild('temperature')?.get(1)).toBe(85)
    expect(String(table.getChild('parameter')?.get(0))).toBe('vout')
  })

  it('renders the PDF report of a run', async () => {
    const res = await app.inject(`/api/runs/${ids[0]}/report.pdf`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="tempco_[0-9a-f]{8}_\d{8}-\d{6}\.pdf"$/)
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('validates a run request before anything runs', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ test: 'sweep', parameters: { averages: 0 } }, /parameter "averages" of sweep/],
      [{ test: 'sweep', parameters: { points: ['a'] } }, /parameter "points" of sweep/],
      [{ test: 'sweep', parameters: { bogus: 1 } }, /sweep has no parameter "bogus"/],
      [{ test: 'nope' }, /there is no test "nope" — the available tests are sweep/],
      [{ parameters: {} }, /the run request: "test" is required/],
      [{ test: 'sweep', extra: 1 }, /unknown field\(s\): extra/],
    ]
    for (const [body, message] of cases) {
      const res = await app.inject({ method: 'POST', url: '/api/runs', payload: body as object })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatch(message)
    }
    expect((await app.inject('/api/runs')).json().total).toBe(3)
  })

  it('refuses to abort a run that is not running', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/runs/${ids[2]}/abort` })
    expect(res.statusCode).toBe(409)
    expect(res.json().error).toMatch(/is not running here/)
  })
})
