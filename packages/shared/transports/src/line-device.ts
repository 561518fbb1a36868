/** SCPI input errors the TCP host detects before a line reaches the parser. */
export type LineInputError = -101 | -363

/**
 * Anything the TCP host can serve: one session per client connection, all sessions sharing the device's
 * state (as on a real instrument, where every client shares the error queue but has its own parser path).
 */
export interface LineDevice {
  openSession(): LineSession
}

/** One client's view of a {@link LineDevice}. */
export interface LineSession {
  /**
   * Handles one complete program message (terminator already removed). Returns the response line without its
   * terminator, `null` for no response, or a Promise of either (overlapped commands). The host never calls
   * `handle` again on this session before a returned Promise has settled.
   */
  handle(line: string): string | null | Promise<string | null>
  /** Bad bytes (−101 Invalid character) or an overlong line (−363 Input buffer overrun): queue the SCPI error. */
  inputError(code: LineInputError): void
  /** Called once when the client's connection has closed. */
  close?(): void
}
