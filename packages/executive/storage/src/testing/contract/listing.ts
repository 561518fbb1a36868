import { afterAll, beforeAll, expect, it } from 'vitest'
import type { RunStatus } from '../../records'
import type { StorageBackend } from '../../storage-backend'
import { newRun } from '../temp-storage'
import type { ContractSection, ContractStore } from './contract-store'

const statuses = ['passed', 'failed', 'error', 'aborted', 'running'] as const

export const listingSection: ContractSection = {
  name: 'listing and filtering',
  define(backend) {
    let store: ContractStore
    let s: StorageBackend
    const ids: string[] = []
    // 25 runs, one per day of March 2025 (day i+1), cycling through statuses, two tests and three stations.
    beforeAll(async () => {
      store = await backend.open()
      s = store.storage
      for (let i = 0; i < 25; i++) {
        const day = String(i + 1).padStart(2, '0')
        const run = await s.createRun(
          newRun({
            test: i % 2 === 0 ? 'tempco' : 'line_regulation',
            startedAt: `2025-03-${day}T12:00:00Z`,
            dutSerial: `LDO-${String(i).padStart(4, '0')}`,
            operator: i === 7 ? 'grace_h' : 'ada',
            station: `s${i % 3}`,
            description: i === 3 ? '100% load, 50_50 split' : null,
          }),
        )
        ids.push(run.id)
        const status = statuses[i % statuses.length]!
        if (status === 'running') await s.startRun(run.id)
        else await s.completeRun(run.id, { status, completedAt: `2025-03-${day}T13:00:00Z` })
      }
    })
    afterAll(() => store.cleanup())

    it('lists the 20 newest by default, with the total', async () => {
      const page = await s.listRuns()
      expect(page.total).toBe(25)
      expect(page.runs).toHaveLength(20)
      expect(page.runs[0]!.id).toBe(ids[24])
      expect(page.runs[19]!.id).toBe(ids[5])
    })

    it('pages with limit and offset', async () => {
      const page = await s.listRuns({ limit: 10, offset: 20 })
      expect(page.total).toBe(25)
      expect(page.runs.map((r) => r.id)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]])
    })

    it('filters by status and test together, and by station', async () => {
      const page = await s.listRuns({ status: 'passed', test: 'tempco' })
      expect(page.runs.map((r) => r.id)).toEqual([ids[20], ids[10], ids[0]])
      expect(page.total).toBe(3)
      const s1 = await s.listRuns({ station: 's1', limit: 3 })
      expect(s1.total).toBe(8)
      expect(s1.runs.map((r) => r.id)).toEqual([ids[22], ids[19], ids[16]])
    })

    it('bounds startedAt with from/to; a bare "to" date includes that whole day', async () => {
      const page = await s.listRuns({ from: '2025-03-10', to: '2025-03-12', limit: 100 })
      expect(page.runs.map((r) => r.startedAt)).toEqual([
        '2025-03-12T12:00:00.000Z',
        '2025-03-11T12:00:00.000Z',
        '2025-03-10T12:00:00.000Z',
      ])
      expect((await s.listRuns({ to: '2025-03-02T11:59:59Z' })).total).toBe(1)
    })

    it('searches id, test, serial, operator and description, ignoring case, treating % and _ literally', async () => {
      expect((await s.listRuns({ search: 'LDO-0013' })).runs.map((r) => r.id)).toEqual([ids[13]])
      expect((await s.listRuns({ search: ids[6]!.slice(0, 8) })).runs.map((r) => r.id)).toContain(ids[6])
      expect((await s.listRuns({ search: 'GRACE' })).runs.map((r) => r.id)).toEqual([ids[7]])
      expect((await s.listRuns({ search: '100%' })).runs.map((r) => r.id)).toEqual([ids[3]])
      expect((await s.listRuns({ search: '50_50' })).runs.map((r) => r.id)).toEqual([ids[3]])
      expect((await s.listRuns({ search: 'a_a' })).total).toBe(0)
      expect((await s.listRuns({ search: 'line_reg', limit: 100 })).total).toBe(12)
    })

    it('explains bad query values', async () => {
      const invalid = expect.objectContaining({ code: 'STORAGE_INVALID_INPUT' })
      await expect(s.listRuns({ limit: 0 })).rejects.toThrowError(invalid)
      await expect(s.listRuns({ offset: -1 })).rejects.toThrowError(invalid)
      await expect(s.listRuns({ from: 'yesterday' })).rejects.toThrowError(/not an ISO-8601 date/)
      await expect(s.listRuns({ status: 'done' as RunStatus })).rejects.toThrowError(/unknown run status "done"/)
    })
  },
}
