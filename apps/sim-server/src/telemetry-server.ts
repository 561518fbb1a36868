import { createServer, type Server, type Socket } from 'node:net'

/** Options of {@link createTelemetryServer}. */
export interface TelemetryServerOptions {
  host: string
  /** 0 = any free port. */
  port: number
  /** Snapshots per second of wall time. */
  hz: number
  /** The object sent as one NDJSON line per tick. */
  snapshot: () => unknown
  /** A client with more unsent bytes than this is dropped instead of buffered (default 256 KiB). */
  maxBufferedBytes?: number
}

/** A listener that streams NDJSON snapshots to every connected client. */
export interface TelemetryServer {
  readonly host: string
  readonly port: number
  readonly clientCount: number
  close(): Promise<void>
}

const DEFAULT_MAX_BUFFERED = 256 * 1024

/**
 * Streams `snapshot()` as newline-delimited JSON at `hz` to every client. One JSON string per tick is shared by
 * all clients; clients send nothing (input is read and discarded); a slow reader is destroyed.
 */
export async function createTelemetryServer(options: TelemetryServerOptions): Promise<TelemetryServer> {
  const clients = new Set<Socket>()
  const maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED
  const send = (socket: Socket, line: string) => {
    if (socket.writableLength > maxBuffered) socket.destroy()
    else socket.write(line)
  }
  const server = createServer((socket) => {
    socket.setNoDelay(true)
    socket.on('error', () => socket.destroy())
    socket.on('close', () => clients.delete(socket))
    socket.resume()
    clients.add(socket)
    send(socket, `${JSON.stringify(options.snapshot())}\n`)
  })
  const timer = setInterval(
    () => {
      if (clients.size === 0) return
      const line = `${JSON.stringify(options.snapshot())}\n`
      for (const socket of clients) send(socket, line)
    },
    Math.max(1, Math.round(1000 / options.hz)),
  )
  timer.unref()
  try {
    await listen(server, options.host, options.port)
  } catch (error) {
    clearInterval(timer)
    throw error
  }
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    host: options.host,
    port,
    get clientCount() {
      return clients.size
    },
    close: () => {
      clearInterval(timer)
      for (const socket of clients) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject)
      resolve()
    })
  })
}
