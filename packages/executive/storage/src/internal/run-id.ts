import { StorageError, type StorageErrorCode } from '../storage-error'

const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const PREFIX = /^[0-9a-f]{8}[0-9a-f-]{0,28}$/

/** What carries the ID: runs and campaigns follow the same rules, with their own words and codes. */
export interface IdKind {
  noun: string
  /** The command that lists the IDs. */
  list: string
  bad: StorageErrorCode
  notFound: StorageErrorCode
  ambiguous: StorageErrorCode
}

export const RUN_IDS: IdKind = {
  noun: 'run',
  list: 'dvt list-runs',
  bad: 'STORAGE_BAD_RUN_ID',
  notFound: 'STORAGE_RUN_NOT_FOUND',
  ambiguous: 'STORAGE_RUN_AMBIGUOUS',
}

export const CAMPAIGN_IDS: IdKind = {
  noun: 'campaign',
  list: 'dvt list-campaigns',
  bad: 'STORAGE_BAD_CAMPAIGN_ID',
  notFound: 'STORAGE_CAMPAIGN_NOT_FOUND',
  ambiguous: 'STORAGE_CAMPAIGN_AMBIGUOUS',
}

/** Lower-cases and checks a full ID (a UUID). */
export function normaliseFullId(id: string, kind: IdKind = RUN_IDS): string {
  const lower = id.trim().toLowerCase()
  if (!FULL_ID.test(lower)) {
    throw new StorageError(
      kind.bad,
      `"${id}" is not a ${kind.noun} ID — ${kind.noun} IDs are UUIDs such as "${exampleId}"`,
    )
  }
  return lower
}

/** Lower-cases and checks a full ID or a prefix of at least 8 hex characters. */
export function normaliseIdOrPrefix(idOrPrefix: string, kind: IdKind = RUN_IDS): { id: string; full: boolean } {
  const lower = idOrPrefix.trim().toLowerCase()
  if (FULL_ID.test(lower)) return { id: lower, full: true }
  if (PREFIX.test(lower)) return { id: lower, full: false }
  throw new StorageError(
    kind.bad,
    `"${idOrPrefix}" is not a ${kind.noun} ID — give a full ${kind.noun} ID or at least its first 8 hex characters ("${kind.list}" shows them)`,
  )
}

/** The exclusive upper bound of the IDs starting with `prefix` ("~" sorts after hex digits and "-"). */
export function prefixUpperBound(prefix: string): string {
  return `${prefix}~`
}

export function notFound(idOrPrefix: string, kind: IdKind = RUN_IDS): StorageError {
  return new StorageError(kind.notFound, `no ${kind.noun} matches "${idOrPrefix}" — "${kind.list}" shows the IDs`)
}

export function ambiguous(
  prefix: string,
  matches: readonly string[],
  more: boolean,
  kind: IdKind = RUN_IDS,
): StorageError {
  const list = matches.join(', ') + (more ? ', …' : '')
  return new StorageError(
    kind.ambiguous,
    `"${prefix}" matches more than one ${kind.noun} (${list}) — give more characters of the ID`,
  )
}

const exampleId = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'
