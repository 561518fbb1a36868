/** Exit codes of `dvt`: 0 passed/ok, 1 failed or a user error, 2 run error, 130 aborted. */
export const EXIT = { ok: 0, failed: 1, usage: 1, error: 2, aborted: 130 } as const

export type CliErrorCode = 'CLI_USAGE' | 'CLI_NOT_FOUND' | 'CLI_UNREACHABLE'

/** A problem the user can fix, said in one sentence. */
export class CliError extends Error {
  override readonly name = 'CliError'
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly exitCode: number = EXIT.usage,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/**
 * Errors of our packages carry a `code` like `CONFIG_INVALID` or `TRANSPORT_REFUSED` and a message written for
 * the user; those are printed as they are. Anything else is a bug and says so.
 */
export function describeError(error: unknown): string {
  if (error instanceof Error && isOwnCode((error as { code?: unknown }).code)) return error.message
  const text = error instanceof Error ? error.message : String(error)
  return `unexpected error: ${text} (set DVT_DEBUG=1 for details and please report it)`
}

function isOwnCode(code: unknown): boolean {
  return (
    typeof code === 'string' &&
    /^(CLI|CONFIG|TRANSPORT|STORAGE|FRAMEWORK|DRIVER|REPORT|PHYSICS|SCPI|SIM|DASHBOARD|INSTRUMENTS?)_/.test(code)
  )
}

/** Wraps a command's action: a thrown error becomes one line on stderr and a non-zero exit. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | undefined> | number | undefined) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args)
      if (code !== undefined) process.exitCode = code
    } catch (error) {
      if (process.env.DVT_DEBUG) console.error(error)
      console.error(`dvt: ${describeError(error)}`)
      process.exitCode = error instanceof CliError ? error.exitCode : EXIT.usage
    }
  }
}
