import type { Duplex } from 'node:stream'
import websocket from '@fastify/websocket'
import { definePlugin } from '../internal/define-plugin'
import type { BenchLink } from '../internal/fleet'
import { createWsHub, type WsHub } from '../internal/ws-hub'
import type { ServerMessage, SimMessage, TelemetryMessage } from '../schemas/messages'

declare module 'fastify' {
  interface FastifyInstance {
    /** Fan-out of the `ServerMessage`s (schemas/messages.ts) to every browser. */
    hub: WsHub<ServerMessage>
  }
}

export interface WebsocketPluginOptions extends Record<string, unknown> {
  /** Telemetry is forwarded at most this often (it arrives at `simulation.telemetry_hz`, 20 Hz). */
  maxRateHz?: number
}

/** The newest telemetry snapshot of a bench as a message, or null before the first. */
export function latestTelemetry(link: BenchLink): TelemetryMessage | null {
  const data = link.telemetry.latest()
  if (!data) return null
  return { type: 'telemetry', bench: link.info.name, t: link.telemetry.latestAt(), data }
}

/**
 * Forwards one bench's snapshots to every browser as they arrive, coalesced when they come faster than one per
 * `minIntervalMs`, and its connection state; returns what stops it.
 */
function forwardBench(link: BenchLink, hub: WsHub<ServerMessage>, minIntervalMs: number): () => void {
  let lastSent = 0
  let trailing: NodeJS.Timeout | null = null
  const sendLatest = () => {
    trailing = null
    const message = latestTelemetry(link)
    if (!message) return
    lastSent = Date.now()
    hub.broadcast(message)
  }
  const offSnapshot = link.telemetry.onSnapshot(() => {
    if (trailing) return
    const wait = lastSent + minIntervalMs - Date.now()
    if (wait <= 0) sendLatest()
    else trailing = setTimeout(sendLatest, wait)
  })
  const offStatus = link.telemetry.onStatus((connected) =>
    hub.broadcast({ type: 'sim', bench: link.info.name, connected } satisfies SimMessage),
  )
  return () => {
    offSnapshot()
    offStatus()
    if (trailing) clearTimeout(trailing)
  }
}

/**
 * One WebSocket per browser at `/api/ws` (route in routes/api/ws.ts). Each bench's telemetry snapshots are forwarded
 * as they arrive, coalesced when they come faster than `maxRateHz`; each message names its bench and carries `t`,
 * the wall time (epoch ms) the dashboard received the snapshot, so a client can measure its lag.
 */
export const websocketPlugin = definePlugin<WebsocketPluginOptions>(
  async (app, { maxRateHz = 25 }) => {
    await app.register(websocket, { options: { maxPayload: 4096 } })
    const hub = createWsHub<ServerMessage>()
    app.decorate('hub', hub)
    const stops = app.benches.links.map((link) => forwardBench(link, hub, 1000 / maxRateHz))

    // A refused upgrade (401/403) leaves a raw socket Fastify does not track: end it once answered, and
    // destroy any still open at close so a client cannot hold the server open.
    const upgrades = new Set<Duplex>()
    app.server.on('upgrade', (_req, socket) => {
      upgrades.add(socket)
      socket.once('close', () => upgrades.delete(socket))
    })
    app.addHook('onResponse', async (request, reply) => {
      if (request.headers.upgrade && reply.statusCode >= 400) request.raw.socket.end()
    })

    app.addHook('preClose', async () => {
      for (const stop of stops) stop()
      hub.close()
      for (const socket of upgrades) socket.destroy()
    })
  },
  { name: 'dvt-websocket', dependencies: ['dvt-benches'] },
)
