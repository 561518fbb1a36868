import { type ClientLink, describeAddress, type LinkTarget, openLink } from './internal/client-link'
import { formatResource } from './resource-string'
import type { Transport } from './transport'
import { TransportError } from './transport-error'

/** Options of {@link createTcpTransport}. */
export interface TcpTransportOptions {
  host: string
  port: number
  /** How long a query waits for its response line. Default 5000 ms; `query(…, { timeoutMs })` overrides it. */
  timeoutMs?: number
  /** How long connecting may take. Default 3000 ms. */
  connectTimeoutMs?: number
  /** What the instrument is, for messages (e.g. `multimeter`). Default `instrument`. */
  name?: string
  /**
   * What the next call does after the instrument closed an idle connection. `false` (default): reconnect
   * silently (a dashboard that only wants the bench back). `true`: fail that one call with `TRANSPORT_CLOSED`,
   * as a VISA session would, and reconnect on the call after — a test run must not miss a dropped instrument.
   */
  reportDrops?: boolean
}

/**
 * A {@link Transport} over a raw TCP socket (VISA `TCPIP::host::port::SOCKET`, LF-terminated lines).
 *
 * Connects lazily on first use and again on the next call after the connection dropped. Calls are queued:
 * one request is in flight at a time. A query that times out closes the connection, so its late answer can
 * never be taken for the next query's. Commands must be single lines (no LF inside).
 * Failures are {@link TransportError}s (`TRANSPORT_TIMEOUT`, `TRANSPORT_CLOSED`, `TRANSPORT_REFUSED`).
 */
export function createTcpTransport(options: TcpTransportOptions): Transport {
  const target: LinkTarget = { host: options.host, port: options.port, name: options.name ?? 'instrument' }
  const timeoutMs = options.timeoutMs ?? 5000
  const connectTimeoutMs = options.connectTimeoutMs ?? 3000
  let link: ClientLink | null = null
  let tail: Promise<unknown> = Promise.resolve()
  let closed = false

  const currentLink = async (): Promise<ClientLink> => {
    if (link !== null && !link.closed) {
      // Let pending socket events run first, so a connection the instrument has already closed is noticed
      // here and replaced, instead of failing the request sent on it.
      await nextIoTurn()
      if (!link.closed) return link
    }
    if (link?.droppedWhileIdle && options.reportDrops) {
      link = null
      throw droppedError(target)
    }
    link = await openLink(target, connectTimeoutMs)
    return link
  }

  const enqueue = <T>(operation: () => Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(closedTransportError(target))
    const result = tail.then(operation)
    tail = result.then(ignore, ignore)
    return result
  }

  return {
    resource: formatResource(target),
    write: (command) => enqueue(async () => (await currentLink()).send(command)),
    query: (command, queryOptions) =>
      enqueue(async () => (await currentLink()).query(command, queryOptions?.timeoutMs ?? timeoutMs)),
    async close() {
      if (closed) return
      closed = true
      await tail
      link?.destroy()
      link = null
    },
  }
}

function ignore(): void {}

/**
 * Resolves after the event loop has polled for I/O once more. One setImmediate is not enough: called from an
 * I/O callback it runs in the same loop iteration, before the next poll.
 */
function nextIoTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
}

function droppedError(target: LinkTarget): TransportError {
  return new TransportError(
    'TRANSPORT_CLOSED',
    `the ${target.name} at ${describeAddress(target)} dropped the connection — check the instrument and its network; the next call reconnects`,
  )
}

function closedTransportError(target: LinkTarget): TransportError {
  return new TransportError(
    'TRANSPORT_CLOSED',
    `the connection to the ${target.name} at ${describeAddress(target)} was closed by this program — open a new transport`,
  )
}
