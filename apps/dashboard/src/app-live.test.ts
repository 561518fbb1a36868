import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type RunningDashboard, startDashboard } from './server'
import { testConfig, unreachableSimulator } from './testing/test-config'
import { testRegistry } from './testing/test-registry'

interface Message {
  type: string
  [key: string]: unknown
}

/** A WebSocket client that records every message. */
function connect(url: string, origin: string) {
  const messages: Message[] = []
  const ws = new WebSocket(url, { headers: { origin } })
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Message))
  const waitFor = async (predicate: (m: Message) => boolean): Promise<Message> => {
    for (;;) {
      const found = messages.find(predicate)
      if (found) return found
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  return { ws, messages, waitFor }
}

/** POSTs `body` as JSON. */
const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('live state over the WebSocket, control', () => {
  let env: ReturnType<typeof testConfig>
  let telemetry: Server
  const feeds = new Set<Socket>()
  let dashboard: RunningDashboard
  /** A browser of this dashboard's page on its WebSocket. */
  const connectBrowser = () => connect(`${dashboard.url.replace('http', 'ws')}/api/ws`, dashboard.url)

  beforeAll(async () => {
    telemetry = createServer((socket) => {
      feeds.add(socket)
      socket.on('close', () => feeds.delete(socket))
    })
    await new Promise<void>((resolve) => telemetry.listen(0, '127.0.0.1', resolve))
    const simulator = {
      ...(await unreachableSimulator()),
      telemetry_port: (telemetry.address() as { port: number }).port,
    }
    env = testConfig({ instruments: { simulator } })
    dashboard = await startDashboard({ config: env.config, registry: testRegistry, port: 0 })
  })
  afterAll(async () => {
    await dashboard?.close()
    telemetry?.close()
    env?.cleanup()
  })

  it('forwards telemetry snapshots with the wall time they arrived', async () => {
    const client = connectBrowser()
    try {
      await client.waitFor((m) => m.type === 'sim')
      while (feeds.size === 0) await new Promise((r) => setTimeout(r, 10))
      const before = Date.now()
      for (const feed of feeds) feed.write('{"t_s":12.5,"chamber_c":25.01,"vout_v":3.295}\n')
      const message = await client.waitFor((m) => m.type === 'telemetry')
      expect(message.data).toEqual({ t_s: 12.5, chamber_c: 25.01, vout_v: 3.295 })
      expect(message.t).toBeGreaterThanOrEqual(before)
      expect(client.messages.some((m) => m.type === 'sim' && m.connected === true)).toBe(true)
    } finally {
      client.ws.close()
    }
  })

  it('greets a new browser with the sim state and the latest snapshot', async () => {
    const client = connectBrowser()
    try {
      const sim = await client.waitFor((m) => m.type === 'sim')
      expect(sim.connected).toBe(true)
      const telemetryMessage = await client.waitFor((m) => m.type === 'telemetry')
      expect((telemetryMessage.data as { t_s: number }).t_s).toBe(12.5)
    } finally {
      client.ws.close()
    }
  })

  it('tells browsers when the simulator goes away', async () => {
    const client = connectBrowser()
    try {
      await client.waitFor((m) => m.type === 'sim' && m.connected === true)
      for (const feed of feeds) feed.destroy()
      await client.waitFor((m) => m.type === 'sim' && m.connected === false)
    } finally {
      client.ws.close()
    }
  })

  it('validates control and SCPI requests with a sentence', async () => {
    const cases: Array<[string, unknown, RegExp]> = [
      ['/api/control', { setpoint_c: 900 }, /the control request: "setpoint_c" must be at most 200/],
      ['/api/control', { speed: 'warp' }, /"speed"/],
      ['/api/control', { supply_on: 'yes' }, /"supply_on" must be a boolean/],
      ['/api/scpi', { instrument: 'oscilloscope', command: '*IDN?' }, /"instrument" must be one of "chamber"/],
      ['/api/scpi', { instrument: 'dmm', command: '' }, /"command" must not be empty/],
      ['/api/scpi', { instrument: 'dmm', command: '*IDN?\nSYST:ERR?' }, /"command" must be one line/],
    ]
    for (const [url, body, message] of cases) {
      const res = await postJson(`${dashboard.url}${url}`, body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: string }).error).toMatch(message)
    }
  })

  it('reports an unreachable instrument in one sentence', async () => {
    const res = await postJson(`${dashboard.url}/api/scpi`, { instrument: 'dmm', command: '*IDN?' })
    expect(res.status).toBe(502)
    const { error } = (await res.json()) as { error: string }
    expect(error).toMatch(/^the multimeter did not respond: cannot reach the multimeter at 127\.0\.0\.1:\d+/)
  })
})

describe('startDashboard', () => {
  it('names the port and the config key when the port is taken', async () => {
    const env = testConfig({ instruments: { simulator: await unreachableSimulator() } })
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as { port: number }
    try {
      await expect(startDashboard({ config: env.config, port })).rejects.toThrow(
        `port ${port} is already in use — stop the other program or set dashboard.port`,
      )
    } finally {
      blocker.close()
      env.cleanup()
    }
  })
})
