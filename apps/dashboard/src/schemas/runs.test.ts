import { RUN_STATUSES } from '@dvt/storage/records'
import { describe, expect, it } from 'vitest'
import { runListQuerySchema } from './runs'

describe('GET /api/runs query', () => {
  it('takes exactly the stored run statuses as the status filter', () => {
    for (const status of RUN_STATUSES) expect(runListQuerySchema.parse({ status }).status).toBe(status)
    expect(runListQuerySchema.safeParse({ status: 'done' }).success).toBe(false)
  })
})
