import { openRunSession, type RunSession } from '@dvt/framework'
import { startVirtualBench, type VirtualBenchHost } from '@dvt/framework/testing'
import { createTempStorage, type TempStorage } from '@dvt/storage/testing'
import { afterEach, describe, expect, it } from 'vitest'
import type { CampaignEvent } from './campaign-events'
import { loadPlan } from './plan-validation'
import { runCampaign } from './run-campaign'

const PLAN = `
name: small lot
lot: { name: W1, size: 3, seed: 5, spread: { load_regulation_ohm: 0.01 } }
sockets: 2
temperatures_c: [25, 85]
soak: { dwell_s: 30, board_soak_s: 10 }
steps:
  - test: load_regulation
    parameters: { loads_a: [0, 0.3], step_settle_s: 5, samples: 2, nplc: 1 }
    sweep: { supply_v: [4.5, 5] }
  - test: line_regulation
    parameters: { vins_v: [4.5, 5.5], step_settle_s: 5, samples: 2, nplc: 1 }
limits: { load_regulation_mohm: { lower: -1000, upper: 1000 } }
acceptance: { min_yield: 0.5 }
`

const open: Array<{ host: VirtualBenchHost; temp: TempStorage; session: RunSession }> = []
afterEach(async () => {
  for (const { host, temp, session } of open.splice(0)) {
    await session.close()
    await host.close()
    await temp.cleanup()
  }
})

async function bench(sockets: number) {
  const host = await startVirtualBench({ DVT__BENCH__SOCKETS: String(sockets) })
  const temp = createTempStorage()
  const session = await openRunSession(host.config, { storage: temp.storage, recordSessions: false })
  open.push({ host, temp, session })
  return { host, temp, session }
}

const plan = loadPlan({ text: PLAN, file: 'small.yaml' })

describe('runCampaign on the virtual bench', () => {
  it('takes the lot through every step at every temperature, each DUT × step × condition once', async () => {
    const { session, temp } = await bench(2)
    const events: CampaignEvent[] = []
    const { campaign, summary } = await runCampaign({ session, plan, planText: PLAN, onEvent: (e) => events.push(e) })
    expect(campaign).toMatchObject({ status: 'passed', lotName: 'W1', lotSize: 3, sockets: 2, yield: 1 })
    expect(campaign.progress).toMatchObject({ pointsDone: 12, pointsTotal: 12, dutsDone: 3, current: null })
    // The bench-clock time the campaign covered is the simulator's, from its start to its end.
    expect(campaign.simulatedSeconds).toBeGreaterThan(0)
    expect(campaign.simulatedSeconds).toBeLessThanOrEqual(await session.instruments.control!.time())
    // Temperature outermost: one soak per temperature, then the boards (the second one part-full).
    expect(events.filter((e) => e.type !== 'point-started' && e.type !== 'point-finished').map((e) => e.type)).toEqual([
      'campaign-started',
      'temperature-started',
      'board-loaded',
      'board-loaded',
      'temperature-started',
      'board-loaded',
      'dut-finished',
      'dut-finished',
      'board-loaded',
      'dut-finished',
      'campaign-finished',
    ])
    expect(summary.duts.map((d) => [d.serial, d.board, d.socket, d.verdict])).toEqual([
      ['W1-001', 0, 1, 'pass'],
      ['W1-002', 0, 2, 'pass'],
      ['W1-003', 1, 1, 'pass'],
    ])
    // Each DUT's truth is the simulator's part (its spread parameter differs from DUT to DUT).
    const truths = summary.duts.map((d) => d.truth?.load_regulation_ohm)
    expect(new Set(truths).size).toBe(3)
    // 3 DUTs × (2 supply voltages × 3 results + 3 line results) × 2 temperatures, none twice.
    const keys = summary.results.map((r) => `${r.serial} ${r.test} ${r.parameter} ${JSON.stringify(r.conditions)}`)
    expect(keys).toHaveLength(3 * (2 * 3 + 3) * 2)
    expect(new Set(keys).size).toBe(keys.length)
    const mohm = summary.results.filter((r) => r.parameter === 'load_regulation_mohm')
    for (const r of mohm) {
      // The plan's limit replaced the test's own; the truth is the part's R_load.
      expect([r.lowerLimit, r.upperLimit]).toEqual([-1000, 1000])
      const dut = summary.duts.find((d) => d.serial === r.serial)!
      expect(r.truth).toBeCloseTo((dut.truth!.load_regulation_ohm as number) * 1000, 9)
    }
    expect(summary.statistics.find((s) => s.parameter === 'load_regulation_mohm')).toMatchObject({
      n: 3,
      conditions: { temperature_c: 25, supply_v: 4.5 },
    })
    // Every point is a stored run of the campaign, measured on the board's sockets.
    const runs = await temp.storage.listRuns({ limit: 100 })
    expect(runs.total).toBe(12)
    expect(runs.runs.every((r) => r.campaignId === campaign.id)).toBe(true)
    const first = runs.runs.find((r) => r.id === summary.points[0]!.runId)!
    expect(first.parameters).toMatchObject({ temperature_c: 25, sockets: [1, 2], dwell_s: 0, supply_v: 4.5 })
  })

  it('refuses a plan with more sockets than the bench in one sentence, before anything is stored', async () => {
    const { session, temp } = await bench(1)
    await expect(runCampaign({ session, plan, planText: PLAN })).rejects.toThrow(
      'the plan measures 2 DUTs at once but the bench has 1 socket — start it with "dvt serve --sockets 2"',
    )
    expect((await temp.storage.listCampaigns()).total).toBe(0)
  })

  it('aborts resumable: the resume measures only what was not done, and the result is the same set', async () => {
    const { session } = await bench(2)
    const controller = new AbortController()
    let finished = 0
    const first = await runCampaign({
      session,
      plan,
      planText: PLAN,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'point-finished' && ++finished === 5) controller.abort('stopped by the test')
      },
    })
    expect(first.campaign).toMatchObject({ status: 'aborted' })
    expect(first.campaign.statusReason).toContain(`--resume ${first.campaign.id.slice(0, 8)}`)
    const done = first.summary.points.filter((p) => p.status === 'done').map((p) => p.ordinal)
    expect(done.length).toBeGreaterThanOrEqual(5)
    const started: number[] = []
    const second = await runCampaign({
      session,
      plan,
      planText: PLAN,
      resume: first.campaign.id.slice(0, 8),
      onEvent: (e) => {
        if (e.type === 'point-started') started.push(e.point.ordinal)
      },
    })
    expect(second.campaign).toMatchObject({ id: first.campaign.id, status: 'passed' })
    expect(started.filter((o) => done.includes(o))).toEqual([])
    expect(second.campaign.simulatedSeconds).toBeGreaterThan(first.campaign.simulatedSeconds)
    const keys = second.summary.results.map(
      (r) => `${r.serial} ${r.test} ${r.parameter} ${JSON.stringify(r.conditions)}`,
    )
    expect(keys).toHaveLength(54)
    expect(new Set(keys).size).toBe(54)
    await expect(runCampaign({ session, plan, planText: PLAN, resume: first.campaign.id })).rejects.toThrow(
      /is finished \(passed\) — nothing to resume/,
    )
  })
})
