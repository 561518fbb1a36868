import { afterEach, describe, expect, it, vi } from 'vitest'
import { openLineClient } from './internal/line-client'
import { createTelemetryServer, type TelemetryServer } from './telemetry-server'

const servers: TelemetryServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

describe('telemetry server', () => {
  it('sends one NDJSON snapshot per tick to every client, shared between clients', async () => {
    let n = 0
    const server = await createTelemetryServer({ host: '127.0.0.1', port: 0, hz: 200, snapshot: () => ({ n: n++ }) })
    servers.push(server)
    const a = await openLineClient(server.port)
    const b = await openLineClient(server.port)
    const first = JSON.parse(await a.line()) as { n: number }
    const second = JSON.parse(await a.line()) as { n: number }
    expect(second.n).toBeGreaterThan(first.n)
    expect(JSON.parse(await b.line())).toHaveProperty('n')
    expect(server.clientCount).toBe(2)
    a.close()
    b.close()
  })

  it('ignores what a client sends', async () => {
    const server = await createTelemetryServer({ host: '127.0.0.1', port: 0, hz: 100, snapshot: () => ({ ok: true }) })
    servers.push(server)
    const client = await openLineClient(server.port)
    client.send('*IDN?')
    client.send('x'.repeat(100_000))
    expect(JSON.parse(await client.line())).toEqual({ ok: true })
    expect(JSON.parse(await client.line())).toEqual({ ok: true })
    client.close()
  })

  it('drops a reader that stops reading instead of buffering without bound; others keep receiving', async () => {
    const big = { pad: 'x'.repeat(64 * 1024) }
    const server = await createTelemetryServer({
      host: '127.0.0.1',
      port: 0,
      hz: 500,
      snapshot: () => big,
      maxBufferedBytes: 256 * 1024,
    })
    servers.push(server)
    const slow = await openLineClient(server.port)
    slow.socket.pause()
    const healthy = await openLineClient(server.port)
    // A paused socket reads nothing, so it cannot see the close until it reads again.
    await vi.waitFor(() => expect(server.clientCount).toBe(1), { timeout: 20_000, interval: 20 })
    slow.socket.resume()
    await slow.closed
    expect(JSON.parse(await healthy.line()).pad).toHaveLength(64 * 1024)
    healthy.close()
  })
})
