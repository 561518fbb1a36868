import { CodedError } from '@dvt/protocol'
import type { RunStatus } from '@dvt/storage/records'

/** Exit codes of `dvt`: 0 passed/ok, 1 failed or a user error, 2 run error, 130 aborted. */
export const EXIT = { ok: 0, failed: 1, usage: 1, error: 2, aborted: 130 } as const

const EXIT_BY_STATUS: Readonly<Record<RunStatus, number>> = {
  passed: EXIT.ok,
  failed: EXIT.failed,
  error: EXIT.error,
  aborted: EXIT.aborted,
  // A run that did not reach an end is an error as far as the shell is concerned.
  pending: EXIT.error,
  running: EXIT.error,
}

/** The exit code for how a run ended: 0 passed, 1 failed, 2 error, 130 aborted. */
export function exitCodeFor(status: RunStatus): number {
  return EXIT_BY_STATUS[status]
}

export type CliErrorCode = 'CLI_USAGE' | 'CLI_NOT_FOUND' | 'CLI_UNREACHABLE'

/** A problem the user can fix, said in one sentence. */
export class CliError extends CodedError<CliErrorCode> {
  override readonly name = 'CliError'
  constructor(
    code: CliErrorCode,
    message: string,
    readonly exitCode: number = EXIT.usage,
    options?: ErrorOptions,
  ) {
    super(code, message, options)
  }
}
