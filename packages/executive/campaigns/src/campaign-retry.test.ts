import { createTestRegistry, defineTest, dvtTests, openRunSession, type RunSession } from '@dvt/framework'
import { startVirtualBench, type VirtualBenchHost } from '@dvt/framework/testing'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { CampaignEvent } from './campaign-events'
import { loadPlan } from './plan-validation'
import { runCampaign } from './run-campaign'

// retry and on_fail with a step whose outcome the test decides: a library-shaped test (temperature_c, sockets) that
// errs on its first tries or fails its limit, on the real virtual bench.

let errorsLeft = 0
const flaky = defineTest({
  name: 'flaky',
  description: 'errs while errorsLeft > 0, else measures `reading` on every socket',
  parameters: z.object({
    temperature_c: z.number().default(25),
    sockets: z.array(z.number().int()).default([1]),
    dwell_s: z.number().default(0),
    reading: z.number().default(1),
  }),
  measurements: [{ name: 'level', unit: 'V', description: 'the reading', limits: { lower: 0, upper: 2 } }],
  run: (ctx) => {
    if (errorsLeft > 0) {
      errorsLeft--
      throw new Error('the fixture broke on purpose')
    }
    for (const socket of ctx.params.sockets) ctx.measure('level', ctx.params.reading, { socket })
  },
})
const registry = createTestRegistry([...dvtTests, flaky])

const open: Array<{ host: VirtualBenchHost; temp: TempStorage; session: RunSession }> = []
afterEach(async () => {
  for (const { host, temp, session } of open.splice(0)) {
    await session.close()
    await host.close()
    await temp.cleanup()
  }
})

async function session(): Promise<RunSession> {
  const host = await startVirtualBench({ DVT__BENCH__SOCKETS: '2' })
  const temp = createTempStorage()
  const s = await openRunSession(host.config, { storage: temp.storage, recordSessions: false, registry })
  open.push({ host, temp, session: s })
  return s
}

function plan(step: string) {
  const text = `name: retry\nlot: { size: 4 }\nsockets: 2\ntemperatures_c: [25]\nsoak: { dwell_s: 0, board_soak_s: 0 }\nsteps:\n  - ${step}\n`
  return { text, plan: loadPlan({ text, file: 'retry.yaml' }, { registry }) }
}

describe('retry and on_fail', () => {
  it('tries a point that errs again, up to its attempts; the last attempt counts', async () => {
    const { text, plan: p } = plan('{ test: flaky, retry: { attempts: 3 } }')
    errorsLeft = 2
    const started: number[] = []
    const onEvent = (e: CampaignEvent) => e.type === 'point-started' && started.push(e.attempt)
    const { campaign, summary } = await runCampaign({ session: await session(), plan: p, planText: text, onEvent })
    expect(started).toEqual([1, 2, 3, 1])
    expect(summary.points.map((pt) => [pt.status, pt.attempts])).toEqual([
      ['done', 3],
      ['done', 1],
    ])
    expect(summary.results).toHaveLength(4)
    expect(campaign).toMatchObject({ status: 'passed', yield: 1 })
  })

  it('gives up after the attempts: the point is error, its DUTs fail, the campaign goes on', async () => {
    const { text, plan: p } = plan('{ test: flaky, retry: { attempts: 2 } }')
    errorsLeft = 2
    const { campaign, summary } = await runCampaign({ session: await session(), plan: p, planText: text })
    expect(summary.points.map((pt) => [pt.status, pt.attempts])).toEqual([
      ['error', 2],
      ['done', 1],
    ])
    expect(summary.duts.map((d) => d.verdict)).toEqual(['fail', 'fail', 'pass', 'pass'])
    expect(campaign).toMatchObject({ status: 'failed', yield: 0.5 })
  })

  it('retries a failing point only with on: fail, and on_fail: stop ends the campaign there', async () => {
    const failing = '{ test: flaky, parameters: { reading: 5 }, retry: { attempts: 2, on: fail }, on_fail: stop }'
    const { text, plan: p } = plan(failing)
    errorsLeft = 0
    const { campaign, summary } = await runCampaign({ session: await session(), plan: p, planText: text })
    expect(summary.points.map((pt) => [pt.status, pt.attempts])).toEqual([
      ['failed', 2],
      ['pending', 0],
    ])
    expect(campaign.status).toBe('failed')
    expect(campaign.statusReason).toBe('flaky at 25 °C on board 1 failed, and its step says on_fail: stop')
    expect(summary.results.map((r) => [r.serial, r.value, r.passed])).toEqual([
      ['LOT-001', 5, false],
      ['LOT-002', 5, false],
    ])
  })
})
