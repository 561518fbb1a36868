/**
 * A message-based connection to one instrument (what VISA calls a session). The TCP client
 * implements it; drivers are written against it only, so real VISA-style instruments and the
 * simulator look the same.
 */
export interface Transport {
  /** The VISA-style resource string, e.g. `TCPIP::127.0.0.1::5003::SOCKET`. */
  readonly resource: string
  /** Sends one command line (the terminator is added). Resolves once written. */
  write(command: string): Promise<void>
  /** Sends a query and resolves with its response line (terminator stripped). */
  query(command: string, options?: { timeoutMs?: number }): Promise<string>
  close(): Promise<void>
}
