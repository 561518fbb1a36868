import { connect, type Socket } from 'node:net'

/** A raw TCP client for tests: send lines, read response lines, see the connection close. */
export interface LineClient {
  readonly socket: Socket
  send(line: string): void
  /** The next line received (waits for it). */
  line(): Promise<string>
  query(line: string): Promise<string>
  /** Resolves when the server has closed the connection. */
  readonly closed: Promise<void>
  close(): void
}

export function openLineClient(port: number, host = '127.0.0.1'): Promise<LineClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host })
    const lines: string[] = []
    const waiters: ((line: string) => void)[] = []
    let buffer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i)
        buffer = buffer.slice(i + 1)
        const waiter = waiters.shift()
        if (waiter) waiter(line)
        else lines.push(line)
      }
    })
    const closed = new Promise<void>((done) => socket.on('close', () => done()))
    socket.on('error', () => undefined)
    socket.once('connect', () => {
      const client: LineClient = {
        socket,
        send: (line) => void socket.write(`${line}\n`),
        line: () => {
          const ready = lines.shift()
          return ready === undefined ? new Promise((got) => waiters.push(got)) : Promise.resolve(ready)
        },
        query: (line) => {
          client.send(line)
          return client.line()
        },
        closed,
        close: () => void socket.destroy(),
      }
      resolve(client)
    })
    socket.once('error', reject)
  })
}
