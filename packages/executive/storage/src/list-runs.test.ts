import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunStatus } from './records'
import { createTempStorage, newRun, type TempStorage } from './testing/temp-storage'

let t: TempStorage
const ids: string[] = []
const statuses = ['passed', 'failed', 'error', 'aborted', 'running'] as const

// 25 runs, one per day of March 2025 (day i+1), cycling through statuses and two tests.
beforeAll(async () => {
  t = createTempStorage()
  for (let i = 0; i < 25; i++) {
    const day = String(i + 1).padStart(2, '0')
    const run = await t.storage.createRun(
      newRun({
        test: i % 2 === 0 ? 'tempco' : 'line_regulation',
        startedAt: `2025-03-${day}T12:00:00Z`,
        dutSerial: `LDO-${String(i).padStart(4, '0')}`,
        operator: i === 7 ? 'grace_h' : 'ada',
        description: i === 3 ? '100% load, 50_50 split' : null,
      }),
    )
    ids.push(run.id)
    const status = statuses[i % statuses.length]!
    if (status === 'running') await t.storage.startRun(run.id)
    else await t.storage.completeRun(run.id, { status, completedAt: `2025-03-${day}T13:00:00Z` })
  }
})
afterAll(() => t.cleanup())

describe('listRuns', () => {
  it('lists the 20 newest by default, with the total', async () => {
    const page = await t.storage.listRuns()
    expect(page.total).toBe(25)
    expect(page.runs).toHaveLength(20)
    expect(page.runs[0]!.id).toBe(ids[24])
    expect(page.runs[19]!.id).toBe(ids[5])
  })

  it('pages with limit and offset', async () => {
    const page = await t.storage.listRuns({ limit: 10, offset: 20 })
    expect(page.total).toBe(25)
    expect(page.runs.map((r) => r.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]])
  })

  it('filters by status and test together', async () => {
    const page = await t.storage.listRuns({ status: 'passed', test: 'tempco' })
    // passed: i = 0, 5, 10, 15, 20; tempco: even i
    expect(page.runs.map((r) => r.id)).toEqual([ids[20], ids[10], ids[0]])
    expect(page.total).toBe(3)
    expect(page.runs.every((r) => r.status === 'passed' && r.test === 'tempco')).toBe(true)
  })

  it('bounds startedAt with from/to; a bare "to" date includes that whole day', async () => {
    const page = await t.storage.listRuns({ from: '2025-03-10', to: '2025-03-12', limit: 100 })
    expect(page.runs.map((r) => r.startedAt)).toEqual([
      '2025-03-12T12:00:00.000Z',
      '2025-03-11T12:00:00.000Z',
      '2025-03-10T12:00:00.000Z',
    ])
    expect((await t.storage.listRuns({ to: '2025-03-02T11:59:59Z' })).total).toBe(1)
  })

  it('searches id, test, serial, operator and description, treating % and _ literally', async () => {
    expect((await t.storage.listRuns({ search: 'LDO-0013' })).runs.map((r) => r.id)).toEqual([ids[13]])
    expect((await t.storage.listRuns({ search: ids[6]!.slice(0, 8) })).runs.map((r) => r.id)).toContain(ids[6])
    expect((await t.storage.listRuns({ search: 'GRACE' })).runs.map((r) => r.id)).toEqual([ids[7]])
    expect((await t.storage.listRuns({ search: '100%' })).runs.map((r) => r.id)).toEqual([ids[3]])
    expect((await t.storage.listRuns({ search: '50_50' })).runs.map((r) => r.id)).toEqual([ids[3]])
    expect((await t.storage.listRuns({ search: 'a_a' })).total).toBe(0)
    expect((await t.storage.listRuns({ search: 'line_reg', limit: 100 })).total).toBe(12)
  })

  it('explains bad query values', async () => {
    const invalid = expect.objectContaining({ code: 'STORAGE_INVALID_INPUT' })
    await expect(t.storage.listRuns({ limit: 0 })).rejects.toThrowError(invalid)
    await expect(t.storage.listRuns({ offset: -1 })).rejects.toThrowError(invalid)
    await expect(t.storage.listRuns({ from: 'yesterday' })).rejects.toThrowError(/not an ISO-8601 date/)
    await expect(t.storage.listRuns({ status: 'done' as RunStatus })).rejects.toThrowError(/unknown run status "done"/)
  })
})
