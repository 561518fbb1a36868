import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { StorageError } from './storage-error'
import { createTempStorage, newRun, type TempStorage } from './testing/temp-storage'

let t: TempStorage
const a = 'abcd1234-0000-4000-8000-000000000001'
const b = 'abcd1234-1111-4000-8000-000000000002'
const c = 'fedc9876-2222-4000-8000-000000000003'

beforeAll(() => {
  t = createTempStorage()
  for (const id of [a, b, c]) t.storage.createRun(newRun({ id }))
})
afterAll(() => t.cleanup())

function errorOf(fn: () => unknown): StorageError {
  try {
    fn()
  } catch (error) {
    if (error instanceof StorageError) return error
    throw error
  }
  throw new Error('expected a StorageError')
}

describe('resolveRunId', () => {
  it('accepts a full ID in any case', () => {
    expect(t.storage.resolveRunId(c)).toBe(c)
    expect(t.storage.resolveRunId(c.toUpperCase())).toBe(c)
  })

  it('resolves a unique prefix of 8 or more characters', () => {
    expect(t.storage.resolveRunId('fedc9876')).toBe(c)
    expect(t.storage.resolveRunId('abcd1234-1')).toBe(b)
    expect(t.storage.resolveRunId(' ABCD1234-0000 ')).toBe(a)
  })

  it('names every match of an ambiguous prefix', () => {
    const error = errorOf(() => t.storage.resolveRunId('abcd1234'))
    expect(error.code).toBe('STORAGE_RUN_AMBIGUOUS')
    expect(error.message).toContain(a)
    expect(error.message).toContain(b)
  })

  it('says how to find IDs when nothing matches', () => {
    const error = errorOf(() => t.storage.resolveRunId('0badc0de'))
    expect(error.code).toBe('STORAGE_RUN_NOT_FOUND')
    expect(error.message).toBe('no run matches "0badc0de" — "dvt list-runs" shows the IDs')
    expect(errorOf(() => t.storage.resolveRunId('0badc0de-0000-4000-8000-000000000000')).code).toBe(
      'STORAGE_RUN_NOT_FOUND',
    )
  })

  it('refuses malformed IDs and prefixes shorter than 8 characters', () => {
    for (const bad of ['abcd123', 'xyz12345', '', 'abcd1234%', `${a}0`]) {
      expect(errorOf(() => t.storage.resolveRunId(bad)).code).toBe('STORAGE_BAD_RUN_ID')
    }
  })
})
