import { CliError, EXIT } from './cli-error'

/** How `dvt` ends after a command threw: the one line it prints on stderr and its exit code. */
export interface ErrorReport {
  readonly line: string
  readonly exitCode: number
}

/**
 * The stderr line and exit code for an error thrown by a command: a CliError's own code; 2 for a database that cannot
 * be reached (the environment's problem, like an unreachable bench); otherwise 1.
 */
export function reportError(error: unknown): ErrorReport {
  const unreachable = (error as { code?: unknown } | null)?.code === 'STORAGE_UNREACHABLE'
  return {
    line: `dvt: ${describeError(error)}`,
    exitCode: error instanceof CliError ? error.exitCode : unreachable ? EXIT.error : EXIT.usage,
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
    /^(CLI|CAMPAIGN|CONFIG|TRANSPORT|STORAGE|FRAMEWORK|DRIVER|REPORT|PHYSICS|SCPI|SIM|SESSION|DASHBOARD|INSTRUMENTS?)_/.test(
      code,
    )
  )
}
