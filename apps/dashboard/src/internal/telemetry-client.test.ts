import { once } from 'node:events'
import { createServer, type Server, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createTelemetryClient, type TelemetryClient } from './telemetry-client'

function listen(port = 0): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>()
  const server = createServer((s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as { port: number }
      resolve({ server, port: address.port, sockets })
    }),
  )
}

function nextSnapshot(client: TelemetryClient) {
  return new Promise<Record<string, unknown>>((resolve) => {
    // The stream's lines as they came (a test server sends partial snapshots).
    const off = client.onSnapshot((s) => {
      off()
      resolve(s as unknown as Record<string, unknown>)
    })
  })
}

function nextStatus(client: TelemetryClient, wanted: boolean) {
  return new Promise<void>((resolve) => {
    const off = client.onStatus((c) => {
      if (c !== wanted) return
      off()
      resolve()
    })
  })
}

describe('createTelemetryClient', () => {
  const cleanup: Array<() => void> = []
  afterEach(() => {
    for (const f of cleanup.splice(0)) f()
  })

  it('parses NDJSON split across chunks, ignores junk, and keeps the latest snapshot', async () => {
    const { server, port, sockets } = await listen()
    cleanup.push(() => server.close())
    const client = createTelemetryClient({ host: '127.0.0.1', port })
    cleanup.push(() => client.close())
    await nextStatus(client, true)
    const [socket] = [...sockets]
    const first = nextSnapshot(client)
    socket!.write('{"t_s":1,"chamber_c":2')
    socket!.write('5.5}\nnot json\n[1,2]\n')
    expect(await first).toEqual({ t_s: 1, chamber_c: 25.5 })
    const second = nextSnapshot(client)
    socket!.write('{"t_s":2}\n')
    expect(await second).toEqual({ t_s: 2 })
    expect(client.latest()).toEqual({ t_s: 2 })
    expect(client.latestAt()).toBeGreaterThan(0)
  })

  it('reconnects after the server goes away and comes back on the same port', async () => {
    const first = await listen()
    const client = createTelemetryClient({ host: '127.0.0.1', port: first.port, minBackoffMs: 20, maxBackoffMs: 50 })
    cleanup.push(() => client.close())
    await nextStatus(client, true)
    const down = nextStatus(client, false)
    for (const s of first.sockets) s.destroy()
    first.server.close()
    await down
    expect(client.connected()).toBe(false)
    const again = await listen(first.port)
    cleanup.push(() => again.server.close())
    await nextStatus(client, true)
    const snapshot = nextSnapshot(client)
    const [socket] = again.sockets.size > 0 ? [...again.sockets] : [(await once(again.server, 'connection'))[0]]
    socket!.write('{"t_s":3}\n')
    expect(await snapshot).toEqual({ t_s: 3 })
  })
})
