import { type AddressInfo, createServer, type Server, type Socket } from 'node:net'
import { LineConnection, type LineConnectionSettings } from './internal/line-connection'
import type { LineDevice, LineSession } from './line-device'
import { TransportError } from './transport-error'

/** Options of {@link createScpiTcpServer}. */
export interface ScpiTcpServerOptions {
  /** What the port serves, for messages (e.g. `multimeter`). */
  name: string
  /** Interface to bind; loopback unless told otherwise. Default `127.0.0.1`. */
  host?: string
  /** TCP port; 0 picks any free port (read the bound one from {@link ScpiTcpServer.port}). */
  port: number
  device: LineDevice
  /** Clients served at once; a connection beyond this is closed at once. Default 32. */
  maxClients?: number
  /** An unterminated line idle this long is treated as complete. Default 100 ms. */
  idleFlushMs?: number
  /** Longer lines are dropped with error −363. Default 65 536 bytes. */
  maxLineBytes?: number
  /** Told about exceptions thrown by the device or a session (the client connection carries on). */
  onError?: (error: unknown) => void
}

/** A listening SCPI raw-socket port (see docs/scpi.md#framing for the framing). */
export interface ScpiTcpServer {
  readonly name: string
  readonly host: string
  /** The bound port (the chosen one when the options asked for port 0). */
  readonly port: number
  /** Clients currently connected (refused connections are not counted). */
  readonly clientCount: number
  /** Stops listening and destroys every client socket; resolves once all are closed. Idempotent. */
  close(): Promise<void>
  /** Destroys every client connection; the port keeps listening. */
  dropClients(): void
  /** While on, new connections are accepted and closed at once (fault injection: `SIM:FAULT:DISC`). */
  setRefusing(on: boolean): void
}

/**
 * Serves a {@link LineDevice} on a raw TCP socket: one session per client, LF-terminated lines in,
 * one `response + '\n'` write per response out.
 *
 * @throws TransportError `TRANSPORT_PORT_IN_USE` when the port is taken, `TRANSPORT_LISTEN_FAILED` otherwise.
 */
export async function createScpiTcpServer(options: ScpiTcpServerOptions): Promise<ScpiTcpServer> {
  const host = options.host ?? '127.0.0.1'
  const maxClients = options.maxClients ?? 32
  const settings: LineConnectionSettings = {
    idleFlushMs: options.idleFlushMs ?? 100,
    maxLineBytes: options.maxLineBytes ?? 65_536,
    onError: options.onError,
  }
  const clients = new Set<Socket>()
  let refusing = false
  let closing: Promise<void> | null = null

  const accept = (socket: Socket): void => {
    // A client's socket error only ends that client; 'close' follows and cleans up.
    socket.on('error', ignore)
    if (refusing || closing !== null || clients.size >= maxClients) {
      socket.destroy()
      return
    }
    const session = openSession(options.device, settings.onError)
    if (session === null) {
      socket.destroy()
      return
    }
    socket.setNoDelay(true)
    clients.add(socket)
    const connection = new LineConnection(socket, session, settings)
    socket.on('close', () => {
      clients.delete(socket)
      connection.dispose()
    })
  }

  const server = createServer({ noDelay: true }, accept)
  await listen(server, options.name, host, options.port)
  server.on('error', (error) => settings.onError?.(error))
  const port = (server.address() as AddressInfo).port

  return {
    name: options.name,
    host,
    port,
    get clientCount() {
      return clients.size
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        for (const socket of clients) socket.destroy()
      })
      return closing
    },
    dropClients() {
      for (const socket of clients) socket.destroy()
    },
    setRefusing(on: boolean) {
      refusing = on
    },
  }
}

function ignore(): void {}

function openSession(device: LineDevice, onError: ((error: unknown) => void) | undefined): LineSession | null {
  try {
    return device.openSession()
  } catch (error) {
    onError?.(error)
    return null
  }
}

function listen(server: Server, name: string, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onListening = (): void => {
      server.off('error', onError)
      resolve()
    }
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening)
      reject(listenError(error, name, host, port))
    }
    server.once('listening', onListening)
    server.once('error', onError)
    server.listen({ host, port, exclusive: true })
  })
}

function listenError(error: NodeJS.ErrnoException, name: string, host: string, port: number): TransportError {
  const where = `${host}:${port}`
  if (error.code === 'EADDRINUSE') {
    return new TransportError(
      'TRANSPORT_PORT_IN_USE',
      `cannot serve the ${name} on ${where}: the port is already in use — stop the program holding it (another "dvt serve"?) or choose another port`,
      { cause: error },
    )
  }
  const reason = error.code === 'EACCES' ? 'permission denied' : (error.code ?? error.message)
  return new TransportError(
    'TRANSPORT_LISTEN_FAILED',
    `cannot serve the ${name} on ${where}: ${reason} — choose another host or a port above 1023`,
    { cause: error },
  )
}
