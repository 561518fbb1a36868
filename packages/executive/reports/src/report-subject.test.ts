import { createTempStorage, newCampaign, newRun, type TempStorage } from '@dvt/storage/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveReportSubject } from './report-data'

describe('resolveReportSubject (real SQLite storage)', () => {
  let temp: TempStorage
  const runId = '5a5a0001-1111-4111-8111-111111111111'
  const campaignId = '7c7c0002-2222-4222-8222-222222222222'

  beforeAll(async () => {
    temp = createTempStorage()
    await temp.storage.createRun(newRun({ id: runId }))
    await temp.storage.createRun(newRun({ id: '5a5a0001-9999-4999-8999-999999999999' }))
    await temp.storage.createCampaign(newCampaign({ id: campaignId }))
    await temp.storage.createCampaign(newCampaign({ id: '7c7c0002-3333-4333-8333-333333333333' }))
    await temp.storage.createCampaign(newCampaign({ id: '9e9e0003-4444-4444-8444-444444444444' }))
  })
  afterAll(async () => {
    await temp?.cleanup()
  })

  it('resolves a run first, by its full ID or a unique prefix', async () => {
    expect(await resolveReportSubject(temp.storage, runId)).toEqual({ kind: 'run', id: runId })
    expect(await resolveReportSubject(temp.storage, '5a5a0001-1111')).toEqual({ kind: 'run', id: runId })
  })

  it('then a campaign, by its full ID or a unique prefix', async () => {
    expect(await resolveReportSubject(temp.storage, campaignId)).toEqual({ kind: 'campaign', id: campaignId })
    expect(await resolveReportSubject(temp.storage, '9e9e0003')).toMatchObject({ kind: 'campaign' })
  })

  it('an ambiguous prefix is the storage sentence, for runs and for campaigns', async () => {
    await expect(resolveReportSubject(temp.storage, '5a5a0001')).rejects.toMatchObject({
      code: 'STORAGE_RUN_AMBIGUOUS',
      message: expect.stringContaining('matches more than one run'),
    })
    await expect(resolveReportSubject(temp.storage, '7c7c0002')).rejects.toMatchObject({
      code: 'STORAGE_CAMPAIGN_AMBIGUOUS',
      message: expect.stringContaining('matches more than one campaign'),
    })
  })

  it('an ID that is neither names both lists in one sentence', async () => {
    await expect(resolveReportSubject(temp.storage, 'deadbeef')).rejects.toMatchObject({
      code: 'REPORT_NOT_FOUND',
      message: 'no run or campaign matches "deadbeef" — "dvt list-runs" and "dvt list-campaigns" show the IDs',
    })
  })
})
