import { StorageError } from '../storage-error'

const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const PREFIX = /^[0-9a-f]{8}[0-9a-f-]{0,28}$/

/** Lower-cases and checks a full run ID (a UUID). */
export function normaliseFullId(id: string): string {
  const lower = id.trim().toLowerCase()
  if (!FULL_ID.test(lower)) {
    throw new StorageError('STORAGE_BAD_RUN_ID', `"${id}" is not a run ID — run IDs are UUIDs such as "${exampleId}"`)
  }
  return lower
}

/** Lower-cases and checks a full ID or a prefix of at least 8 hex characters. */
export function normaliseIdOrPrefix(idOrPrefix: string): { id: string; full: boolean } {
  const lower = idOrPrefix.trim().toLowerCase()
  if (FULL_ID.test(lower)) return { id: lower, full: true }
  if (PREFIX.test(lower)) return { id: lower, full: false }
  throw new StorageError(
    'STORAGE_BAD_RUN_ID',
    `"${idOrPrefix}" is not a run ID — give a full run ID or at least its first 8 hex characters ("dvt list-runs" shows them)`,
  )
}

/** The exclusive upper bound of the IDs starting with `prefix` ("~" sorts after hex digits and "-"). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}~`
}

export function notFound(idOrPrefix: string): StorageError {
  return new StorageError('STORAGE_RUN_NOT_FOUND', `no run matches "${idOrPrefix}" — "dvt list-runs" shows the IDs`)
}

export function ambiguous(prefix: string, matches: readonly string[], more: boolean): StorageError {
  const list = matches.join(', ') + (more ? ', …' : '')
  return new StorageError(
    'STORAGE_RUN_AMBIGUOUS',
    `"${prefix}" matches more than one run (${list}) — give more characters of the ID`,
  )
}

const exampleId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
