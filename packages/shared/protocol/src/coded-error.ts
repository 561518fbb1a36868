/**
 * The base of each package's one error class: a string-literal `code` a program can branch on, and a message that
 * is one sentence a person can act on (`cannot reach the multimeter at 127.0.0.1:5003 — is "dvt serve" running?`).
 * Subclasses name themselves (`override readonly name = 'StorageError'`) and add only what is theirs.
 */
export class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}
