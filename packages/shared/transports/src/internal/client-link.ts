import { connect, type Socket } from 'node:net'
import { TransportError } from '../transport-error'

/** The instrument a client talks to, for connecting and for messages. */
export interface LinkTarget {
  host: string
  port: number
  name: string
}

interface PendingQuery {
  command: string
  timeoutMs: number
  timer: NodeJS.Timeout
  resolve: (line: string) => void
  reject: (error: TransportError) => void
}

const LF = 10
const CR = 13
/** A response line longer than this means the peer is not a line-based instrument. */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024

/** `host:port`, with brackets around an IPv6 address. */
export function describeAddress(target: LinkTarget): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`
}

/** Opens a TCP connection to the target, or fails with a sentence that says what to check. */
export function openLink(target: LinkTarget, connectTimeoutMs: number): Promise<ClientLink> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, noDelay: true })
    const timer = setTimeout(() => {
      socket.destroy()
      reject(
        new TransportError(
          'TRANSPORT_TIMEOUT',
          `the ${target.name} at ${describeAddress(target)} did not accept a connection within ${connectTimeoutMs} ms — is it switched on and reachable?`,
        ),
      )
    }, connectTimeoutMs)
    const onError = (error: NodeJS.ErrnoException): void => {
      clearTimeout(timer)
      reject(connectError(target, error))
    }
    socket.once('error', onError)
    socket.once('connect', () => {
      clearTimeout(timer)
      socket.off('error', onError)
      resolve(new ClientLink(socket, target))
    })
  })
}

function connectError(target: LinkTarget, error: NodeJS.ErrnoException): TransportError {
  const where = `the ${target.name} at ${describeAddress(target)}`
  const message =
    error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
      ? `cannot reach ${where}: unknown host "${target.host}" — check the resource string in the config`
      : error.code === 'ECONNREFUSED'
        ? `cannot reach ${where} — is "dvt serve" running?`
        : `cannot reach ${where} (${error.code ?? error.message}) — is "dvt serve" running and the address right?`
  return new TransportError('TRANSPORT_REFUSED', message, { cause: error })
}

/**
 * One open connection: sends lines and hands the next response line to the one query in flight.
 * Lines that arrive while no query waits are discarded; a timed-out query destroys the connection,
 * so its late answer can never be taken for the next query's.
 */
export class ClientLink {
  /** Set once the connection is unusable (peer closed, error, timeout). */
  closed = false
  /** The peer closed the connection while no request was in flight, so no caller has been told yet. */
  droppedWhileIdle = false
  private pending: PendingQuery | null = null
  private partial: Buffer[] = []
  private partialLength = 0

  constructor(
    private readonly socket: Socket,
    private readonly target: LinkTarget,
  ) {
    socket.on('data', this.onData)
    socket.on('end', this.onClosed)
    socket.on('close', this.onClosed)
    socket.on('error', this.onClosed)
  }

  /** Writes one line; resolves once it is handed to the OS. */
  send(command: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(this.closedError(command, 'before'))
        return
      }
      this.socket.write(command + '\n', (error) => {
        if (error) reject(this.closedError(command, 'while'))
        else resolve()
      })
    })
  }

  /** Writes one line and resolves with the next response line (terminator stripped). */
  query(command: string, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.closed) {
        reject(this.closedError(command, 'before'))
        return
      }
      const timer = setTimeout(this.onTimeout, timeoutMs)
      this.pending = { command, timeoutMs, timer, resolve, reject }
      this.socket.write(command + '\n')
    })
  }

  destroy(): void {
    this.closed = true
    this.socket.destroy()
  }

  private readonly onData = (chunk: Buffer): void => {
    let start = 0
    let lf = chunk.indexOf(LF)
    while (lf !== -1) {
      const line = this.takeLine(chunk, start, lf)
      const pending = this.pending
      if (pending !== null) {
        this.pending = null
        clearTimeout(pending.timer)
        pending.resolve(line)
      }
      start = lf + 1
      lf = chunk.indexOf(LF, start)
    }
    if (start < chunk.length) this.keepPartial(chunk.subarray(start))
  }

  private takeLine(chunk: Buffer, start: number, lf: number): string {
    if (this.partialLength === 0) return decodeLine(chunk, start, lf)
    const whole = Buffer.concat([...this.partial, chunk.subarray(start, lf)])
    this.partial = []
    this.partialLength = 0
    return decodeLine(whole, 0, whole.length)
  }

  private keepPartial(tail: Buffer): void {
    this.partialLength += tail.length
    this.partial.push(Buffer.from(tail))
    if (this.partialLength > MAX_RESPONSE_BYTES) {
      this.fail(
        new TransportError(
          'TRANSPORT_CLOSED',
          `the ${this.target.name} at ${describeAddress(this.target)} sent a response line over 16 MiB without a terminator — is this port really a SCPI instrument?`,
        ),
      )
    }
  }

  private readonly onTimeout = (): void => {
    const pending = this.pending
    if (pending === null) return
    this.fail(
      new TransportError(
        'TRANSPORT_TIMEOUT',
        `the ${this.target.name} at ${describeAddress(this.target)} did not answer "${pending.command}" within ${pending.timeoutMs} ms — a query with an error answers nothing (read SYST:ERR?), or raise the timeout`,
      ),
    )
  }

  private readonly onClosed = (): void => {
    if (this.closed && this.pending === null) return
    const pending = this.pending
    if (pending === null) this.droppedWhileIdle = true
    this.fail(pending === null ? null : this.closedError(pending.command, 'before answering'))
  }

  private fail(error: TransportError | null): void {
    const pending = this.pending
    this.pending = null
    this.destroy()
    if (pending !== null && error !== null) {
      clearTimeout(pending.timer)
      pending.reject(error)
    }
  }

  private closedError(command: string, when: 'before' | 'while' | 'before answering'): TransportError {
    const what = when === 'before answering' ? 'before answering' : `${when} sending`
    return new TransportError(
      'TRANSPORT_CLOSED',
      `the ${this.target.name} at ${describeAddress(this.target)} closed the connection ${what} "${command}" — is "dvt serve" still running? (the next call reconnects)`,
    )
  }
}

function decodeLine(buffer: Buffer, start: number, end: number): string {
  if (end > start && buffer[end - 1] === CR) end--
  return buffer.toString('utf8', start, end)
}
