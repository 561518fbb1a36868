import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from './app'
import { testConfig, unreachableSimulator } from './testing/test-config'

const goodPlan = `name: Regulation <b>check</b>
lot: { name: LOT-A, size: 2, seed: 3 }
sockets: 1
temperatures_c: [25, 85]
steps:
  - test: load_regulation
    sweep: { supply_v: [4.0, 5.0] }
  - test: line_regulation
limits: { load_regulation_pct: { upper: 1.5 } }
`

const badPlan = `name: Broken
lot: { name: LOT-B, size: 4 }
sockets: 1
temperatures_c: [25]
steps:
  - test: load_regulation
    sweep: { supply_v: [4.0, 99] }
  - test: no_such_test
`

describe('plans API (GET /api/plans, POST /api/plans/validate)', () => {
  let env: ReturnType<typeof testConfig>
  let app: FastifyInstance

  beforeAll(async () => {
    env = testConfig({ instruments: { simulator: await unreachableSimulator() } })
    const plansDir = join(env.dir, 'plans')
    mkdirSync(plansDir)
    writeFileSync(join(plansDir, 'regulation.yaml'), goodPlan)
    writeFileSync(join(plansDir, 'broken.yml'), badPlan)
    writeFileSync(join(plansDir, 'notes.txt'), 'not a plan')
    const config = { ...env.config, data: { ...env.config.data, plans_dir: plansDir } }
    app = await buildApp({ config })
    await app.ready()
  })

  afterAll(async () => {
    await app?.close()
    env?.cleanup()
  })

  it('lists the YAML files of the plans directory, each validated, with its name or its problems', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/plans' })
    expect(res.statusCode).toBe(200)
    const { plans } = res.json() as { plans: Array<Record<string, unknown>> }
    expect(plans.map((p) => p.file)).toEqual(['broken.yml', 'regulation.yaml'])
    const [broken, good] = plans
    expect(good).toMatchObject({ name: 'Regulation <b>check</b>', problems: [], text: goodPlan })
    expect(good?.description).toMatch(/^12 points over 2 temperatures, 2 boards/)
    expect(broken?.name).toBeNull()
    expect(broken?.problems).toEqual([
      expect.stringMatching(/broken\.yml:7: steps\[0\]\.sweep\.supply_v.*/),
      expect.stringMatching(/broken\.yml:8: steps\[1\]\.test: there is no test "no_such_test"/),
    ])
  })

  it('validates a pasted plan: the plan and what it expands to', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/plans/validate', payload: { yaml: goodPlan } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ valid: true, name: 'Regulation <b>check</b>', plan: { sockets: 1 } })
  })

  it('applies --set style overrides, and names them in their problems', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: '/api/plans/validate',
      payload: { plan: 'regulation.yaml', set: ['lot.size=3', 'temperatures_c=[25]'] },
    })
    expect(ok.json()).toMatchObject({ valid: true, plan: { temperatures_c: [25], lot: { size: 3 } } })
    const bad = await app.inject({
      method: 'POST',
      url: '/api/plans/validate',
      payload: { plan: 'regulation.yaml', set: ['sockets=0'] },
    })
    expect(bad.statusCode).toBe(422)
    expect(bad.json().problems).toEqual([expect.stringMatching(/^--set sockets: /)])
  })

  it('answers 422 with every problem, one sentence each with its line, for an invalid plan', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/plans/validate', payload: { yaml: badPlan } })
    expect(res.statusCode).toBe(422)
    const body = res.json() as { error: string; problems: string[] }
    expect(body.error).toBe('the plan has 2 problems')
    expect(body.problems[0]).toMatch(/^plan:7: steps\[0\]\.sweep\.supply_v/)
    expect(body.problems[1]).toMatch(/^plan:8: steps\[1\]\.test: /)
    const syntax = await app.inject({
      method: 'POST',
      url: '/api/plans/validate',
      payload: { yaml: 'name: [unclosed\n' },
    })
    expect(syntax.statusCode).toBe(422)
    expect(syntax.json().problems).toEqual([expect.stringMatching(/^plan:\d+: YAML syntax error: /)])
  })

  it('refuses a request that is neither a pasted plan nor a plan file, and a path outside the directory', async () => {
    for (const payload of [{}, { yaml: goodPlan, plan: 'regulation.yaml' }, { plan: '../secret.yaml' }, { yaml: 3 }]) {
      const res = await app.inject({ method: 'POST', url: '/api/plans/validate', payload })
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatch(/^the plan/)
    }
    const missing = await app.inject({ method: 'POST', url: '/api/plans/validate', payload: { plan: 'nope.yaml' } })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().error).toContain('there is no plan "nope.yaml"')
  })
})
