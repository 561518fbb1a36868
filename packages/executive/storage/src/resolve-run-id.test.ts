import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StorageError } from './storage-error'
import { createTempStorage, newRun, type TempStorage } from './testing/temp-storage'

let t: TempStorage
const a = 'abcd1234-0000-4000-8000-000000000001'
const b = 'abcd1234-1111-4000-8000-000000000002'
const c = 'fedc9876-2222-4000-8000-000000000003'

beforeAll(async () => {
  t = createTempStorage()
  for (const id of [a, b, c]) await t.storage.createRun(newRun({ id }))
})
afterAll(() => t.cleanup())

async function errorOf(fn: () => Promise<unknown>): Promise<StorageError> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof StorageError) return error
    throw error
  }
  throw new Error('expected a StorageError')
}

describe('resolveRunId', () => {
  it('accepts a full ID in any case', async () => {
    expect(await t.storage.resolveRunId(c)).toBe(c)
    expect(await t.storage.resolveRunId(c.toUpperCase())).toBe(c)
  })

  it('resolves a unique prefix of 8 or more characters', async () => {
    expect(await t.storage.resolveRunId('fedc9876')).toBe(c)
    expect(await t.storage.resolveRunId('abcd1234-1')).toBe(b)
    expect(await t.storage.resolveRunId(' ABCD1234-0000 ')).toBe(a)
  })

  it('names every match of an ambiguous prefix', async () => {
    const error = await errorOf(() => t.storage.resolveRunId('abcd1234'))
    expect(error.code).toBe('STORAGE_RUN_AMBIGUOUS')
    expect(error.message).toContain(a)
    expect(error.message).toContain(b)
  })

  it('says how to find IDs when nothing matches', async () => {
    const error = await errorOf(() => t.storage.resolveRunId('0badc0de'))
    expect(error.code).toBe('STORAGE_RUN_NOT_FOUND')
    expect(error.message).toBe('no run matches "0badc0de" — "dvt list-runs" shows the IDs')
    expect((await errorOf(() => t.storage.resolveRunId('0badc0de-0000-4000-8000-000000000000'))).code).toBe(
      'STORAGE_RUN_NOT_FOUND',
    )
  })

  it('refuses malformed IDs and prefixes shorter than 8 characters', async () => {
    for (const bad of ['abcd123', 'xyz12345', '', 'abcd1234%', `${a}0`]) {
      expect((await errorOf(() => t.storage.resolveRunId(bad))).code).toBe('STORAGE_BAD_RUN_ID')
    }
  })
})
