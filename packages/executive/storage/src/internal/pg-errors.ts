import { StorageError } from '../storage-error'

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOENT',
])

/**
 * True when a PostgreSQL call failed because the database went away (refused, cut, shutting down, starting up) rather
 * than because of what was asked: such a write can be kept and retried once it is back.
 */
export function isConnectionLoss(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') {
    // SQLSTATE class 08: connection exception; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true
    if (NETWORK_CODES.has(code)) return true
  }
  if (error instanceof AggregateError) return error.errors.some(isConnectionLoss)
  return /connection terminated|connection error|timeout exceeded when trying to connect|not queryable/i.test(
    error.message,
  )
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@')
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0])
  const code = (error as { code?: unknown }).code
  const text = error instanceof Error ? error.message : String(error)
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text
}

/** The one sentence for a database that cannot be reached. */
export function unreachable(url: string, error: unknown): StorageError {
  return new StorageError(
    'STORAGE_UNREACHABLE',
    `cannot reach the database at ${safeUrl(url)} (${reason(error)}) — is PostgreSQL running there? Check data.database_url`,
    { cause: error },
  )
}
