import { spawnSync } from 'node:child_process'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { CampaignPointKey } from '../../records'
import { campaignPoints, campaignResult, newCampaign } from '../campaign-record'
import { type ContractSection, storePerTest } from './contract-store'

const unknown = '00000000-0000-4000-8000-000000000000'
const key = (temperatureIndex: number, board: number, sweepIndex: number): CampaignPointKey => ({
  temperatureIndex,
  board,
  stepIndex: 0,
  sweepIndex,
})

export const campaignsSection: ContractSection = {
  name: 'campaigns',
  define(backend) {
    const t = storePerTest(backend, { beforeEach, afterEach })

    it('creates a campaign, reads it back from another connection and updates its state', async () => {
      const input = newCampaign({ id: newCampaign().id.toUpperCase() })
      const created = await t().storage.createCampaign(input)
      expect(created).toMatchObject({
        id: input.id.toLowerCase(),
        name: input.name,
        status: 'pending',
        statusReason: null,
        completedAt: null,
        plan: input.plan,
        planText: input.planText,
        temperaturesC: [25, 85],
        minYield: 0.9,
        yield: null,
        progress: { pointsDone: 0, pointsTotal: 0, dutsDone: 0, current: null },
        simulatedSeconds: 0,
        pid: process.pid,
      })
      const progress = {
        pointsDone: 3,
        pointsTotal: 8,
        dutsDone: 0,
        current: { ...key(0, 1, 1), temperatureC: 25, test: 'load_regulation' },
      }
      await t().storage.updateCampaign(created.id, { status: 'running', progress, simulatedSeconds: 5400.5 })
      const ended = await t().storage.updateCampaign(created.id, {
        status: 'failed',
        statusReason: 'yield 0.75 is below the acceptance 0.9',
        completedAt: '2025-03-01T12:00:00Z',
        yield: 0.75,
      })
      expect(ended).toMatchObject({
        status: 'failed',
        yield: 0.75,
        completedAt: '2025-03-01T12:00:00.000Z',
        progress,
        simulatedSeconds: 5400.5,
      })
      const reopened = await t().reopen()
      expect(await reopened.getCampaign(created.id)).toEqual(ended)
      expect(await t().storage.getCampaign(unknown)).toBeNull()
      await expect(t().storage.createCampaign(input)).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_CAMPAIGN_EXISTS' }),
      )
      await expect(t().storage.updateCampaign(unknown, { status: 'running' })).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_CAMPAIGN_NOT_FOUND' }),
      )
    })

    it('resolves campaign IDs and prefixes with campaign words, and lists newest first with filters', async () => {
      const a = 'abcd1234-0000-4000-8000-000000000001'
      const b = 'abcd1234-1111-4000-8000-000000000002'
      const c = 'fedc9876-2222-4000-8000-000000000003'
      await t().storage.createCampaign(newCampaign({ id: a, startedAt: '2025-03-01T10:00:00Z', name: 'first' }))
      await t().storage.createCampaign(newCampaign({ id: b, startedAt: '2025-03-02T10:00:00Z', lotName: 'LOT-Z' }))
      await t().storage.createCampaign(newCampaign({ id: c, startedAt: '2025-03-03T10:00:00Z', station: 'bench-2' }))
      await t().storage.updateCampaign(b, { status: 'passed' })
      expect(await t().storage.resolveCampaignId('FEDC9876')).toBe(c)
      await expect(t().storage.resolveCampaignId('abcd1234')).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_CAMPAIGN_AMBIGUOUS', message: expect.stringContaining(b) }),
      )
      await expect(t().storage.resolveCampaignId('0badc0de')).rejects.toThrowError(
        'no campaign matches "0badc0de" — "dvt list-campaigns" shows the IDs',
      )
      await expect(t().storage.resolveCampaignId('nope')).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_BAD_CAMPAIGN_ID' }),
      )
      const ids = async (query = {}) => (await t().storage.listCampaigns(query)).campaigns.map((x) => x.id)
      expect(await ids()).toEqual([c, b, a])
      expect(await ids({ status: 'passed' })).toEqual([b])
      expect(await ids({ station: 'bench-2' })).toEqual([c])
      expect(await ids({ search: 'lot-z' })).toEqual([b])
      expect(await ids({ search: 'FIRST' })).toEqual([a])
      expect(await t().storage.listCampaigns({ limit: 2, offset: 1 })).toMatchObject({ total: 3 })
      expect(await ids({ limit: 2, offset: 1 })).toEqual([b, a])
    })

    it('keeps the lot: DUTs added again get their truth, and each gets its verdict', async () => {
      const { id } = await t().storage.createCampaign(newCampaign())
      const duts = [0, 1, 2, 3].map((lotIndex) => ({
        lotIndex,
        serial: `LOT1-00${lotIndex + 1}`,
        board: Math.floor(lotIndex / 2),
        socket: (lotIndex % 2) + 1,
        truth: null,
      }))
      await t().storage.addCampaignDuts(id, duts)
      await t().storage.addCampaignDuts(id, [{ ...duts[2]!, truth: { tempco_ppm_per_c: 51.5 } }])
      await t().storage.setCampaignDutVerdict(id, 'LOT1-003', 'fail')
      const stored = await t().storage.getCampaignDuts(id)
      expect(stored.map((d) => [d.serial, d.board, d.socket, d.verdict, d.truth])).toEqual([
        ['LOT1-001', 0, 1, null, null],
        ['LOT1-002', 0, 2, null, null],
        ['LOT1-003', 1, 1, 'fail', { tempco_ppm_per_c: 51.5 }],
        ['LOT1-004', 1, 2, null, null],
      ])
      await expect(t().storage.setCampaignDutVerdict(id, 'LOT1-999', 'pass')).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_INVALID_INPUT' }),
      )
      await expect(t().storage.addCampaignDuts(unknown, duts)).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_CAMPAIGN_NOT_FOUND' }),
      )
    })

    it('runs points: started with their run, finished with their results in one go, a retry replacing them', async () => {
      const { id } = await t().storage.createCampaign(newCampaign())
      await t().storage.addCampaignPoints(id, campaignPoints())
      const first = campaignResult({ socket: 1, value: 0.5 })
      await t().storage.startCampaignPoint(id, key(0, 0, 0), first.runId!)
      await t().storage.finishCampaignPoint(id, key(0, 0, 0), 'error', [first])
      const retry = campaignResult({ socket: 1, value: 0.4 })
      const other = campaignResult({ serial: 'LOT1-002', socket: 2, value: 0.6, runId: retry.runId })
      await t().storage.startCampaignPoint(id, key(0, 0, 0), retry.runId!)
      await t().storage.finishCampaignPoint(id, key(0, 0, 0), 'done', [retry, other])
      const later = campaignResult({ conditions: { temperature_c: 25, supply_v: 5 }, value: 0.45 })
      await t().storage.startCampaignPoint(id, key(0, 0, 1), later.runId!)
      await t().storage.finishCampaignPoint(id, key(0, 0, 1), 'failed', [later])
      const points = await t().storage.getCampaignPoints(id)
      expect(points).toHaveLength(8)
      expect(points.slice(0, 3).map((p) => [p.ordinal, p.status, p.attempts, p.runId, p.parameters])).toEqual([
        [0, 'done', 2, retry.runId, { supply_v: 4 }],
        [1, 'failed', 1, later.runId, { supply_v: 5 }],
        [2, 'pending', 0, null, { supply_v: 4 }],
      ])
      const results = await t().storage.getCampaignResults(id)
      expect(results.map((r) => [r.serial, r.socket, r.conditions, r.value, r.upperLimit, r.passed])).toEqual([
        ['LOT1-001', 1, { temperature_c: 25, supply_v: 4 }, 0.4, 1.5, true],
        ['LOT1-002', 2, { temperature_c: 25, supply_v: 4 }, 0.6, 1.5, true],
        ['LOT1-001', 1, { temperature_c: 25, supply_v: 5 }, 0.45, 1.5, true],
      ])
      await expect(t().storage.startCampaignPoint(id, key(5, 0, 0), retry.runId!)).rejects.toThrowError(
        expect.objectContaining({ code: 'STORAGE_INVALID_INPUT' }),
      )
    })

    it('finishes a point all or nothing: a result that cannot be stored leaves the point running and no result', async () => {
      const { id } = await t().storage.createCampaign(newCampaign())
      await t().storage.addCampaignPoints(id, campaignPoints())
      const good = campaignResult()
      await t().storage.startCampaignPoint(id, key(0, 0, 0), good.runId!)
      const broken = campaignResult({ value: null as unknown as number })
      await expect(t().storage.finishCampaignPoint(id, key(0, 0, 0), 'done', [good, broken])).rejects.toThrow()
      expect((await t().storage.getCampaignPoints(id))[0]).toMatchObject({ status: 'running', attempts: 1 })
      expect(await t().storage.getCampaignResults(id)).toEqual([])
    })

    it('keeps each derived result once: deriving again replaces it, and it lists after the measured ones', async () => {
      const { id } = await t().storage.createCampaign(newCampaign())
      await t().storage.addCampaignPoints(id, campaignPoints())
      const derived = campaignResult({
        test: 'output_voltage',
        parameter: 'tempco_ppm_per_c',
        conditions: { temperature_c: '25…85', supply_v: 5 },
        value: 48,
        unit: 'ppm/°C',
        runId: null,
        truth: 50,
      })
      await t().storage.addCampaignResults(id, [derived])
      const measured = campaignResult()
      await t().storage.startCampaignPoint(id, key(1, 1, 1), measured.runId!)
      await t().storage.finishCampaignPoint(id, key(1, 1, 1), 'done', [measured])
      await t().storage.addCampaignResults(id, [
        { ...derived, conditions: { supply_v: 5, temperature_c: '25…85' }, value: 49 },
      ])
      const results = await t().storage.getCampaignResults(id)
      expect(results.map((r) => [r.parameter, r.value, r.runId === null, r.truth])).toEqual([
        ['load_regulation_pct', 0.42, false, null],
        ['tempco_ppm_per_c', 49, true, 50],
      ])
      expect(results[1]!.conditions).toEqual({ supply_v: 5, temperature_c: '25…85' })
    })

    it('marks campaigns of dead processes on this host aborted (resumable), not those of live ones or other hosts', async () => {
      const dead = spawnSync(process.execPath, ['-e', '0']).pid
      const { id: orphan } = await t().storage.createCampaign(newCampaign())
      await t().storage.updateCampaign(orphan, { status: 'running', pid: dead })
      const { id: alive } = await t().storage.createCampaign(newCampaign())
      await t().storage.updateCampaign(alive, { status: 'running' })
      const elsewhere = await t().reopen({ hostName: 'other-host' })
      const { id: remote } = await elsewhere.createCampaign(newCampaign())
      await elsewhere.updateCampaign(remote, { status: 'running', pid: dead })
      const recovered = await t().storage.recoverInterruptedCampaigns()
      expect(recovered.map((c) => [c.id, c.status])).toEqual([[orphan, 'aborted']])
      expect(recovered[0]!.statusReason).toContain(`--resume ${orphan.slice(0, 8)}`)
      expect((await t().storage.getCampaign(alive))?.status).toBe('running')
      expect((await t().storage.getCampaign(remote))?.status).toBe('running')
    })
  },
}
