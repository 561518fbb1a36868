import { once } from 'node:events'
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { createWsHub } from './ws-hub'

describe('createWsHub', () => {
  const cleanup: Array<() => void> = []
  afterEach(() => {
    for (const f of cleanup.splice(0)) f()
  })

  async function serve(maxBufferedBytes: number) {
    const hub = createWsHub({ maxBufferedBytes })
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await once(wss, 'listening')
    wss.on('connection', (socket) => hub.add(socket, [{ type: 'sim', connected: false }]))
    cleanup.push(() => {
      hub.close()
      wss.close()
    })
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`
    const open = async () => {
      const ws = new WebSocket(url)
      const first = once(ws, 'message')
      await once(ws, 'open')
      cleanup.push(() => ws.terminate())
      return { ws, first: JSON.parse(String((await first)[0])) as unknown }
    }
    return { hub, open }
  }

  it('greets, broadcasts one serialised message to all, and forgets closed clients', async () => {
    const { hub, open } = await serve(1 << 20)
    const a = await open()
    const b = await open()
    expect(a.first).toEqual({ type: 'sim', connected: false })
    expect(hub.count()).toBe(2)
    const got = Promise.all([once(a.ws, 'message'), once(b.ws, 'message')])
    hub.broadcast({ type: 'telemetry', t: 1, data: { t_s: 1 } })
    for (const [data] of await got)
      expect(JSON.parse(String(data))).toEqual({ type: 'telemetry', t: 1, data: { t_s: 1 } })
    b.ws.close()
    while (hub.count() > 1) await new Promise((r) => setTimeout(r, 5))
    expect(hub.count()).toBe(1)
  })

  it('drops a client that stops reading instead of buffering without bound', async () => {
    const { hub, open } = await serve(256 * 1024)
    const reader = await open()
    const stalled = await open()
    // The stalled client's socket stops reading: the kernel buffers fill, then the server's send buffer grows.
    ;(stalled.ws as unknown as { _socket: Socket })._socket.pause()
    let readerGot = 0
    reader.ws.on('message', () => readerGot++)
    const payload = 'x'.repeat(64 * 1024)
    for (let i = 0; i < 2000 && hub.count() === 2; i++) {
      hub.broadcast({ type: 'telemetry', t: i, data: { payload } })
      await new Promise((r) => setImmediate(r))
    }
    expect(hub.count()).toBe(1)
    while (readerGot === 0) await new Promise((r) => setTimeout(r, 5))
    expect(reader.ws.readyState).toBe(WebSocket.OPEN)
  })
})
