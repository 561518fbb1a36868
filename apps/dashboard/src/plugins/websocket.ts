import type { Duplex } from 'node:stream'
import websocket from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'
import { definePlugin } from '../internal/define-plugin'
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

/** The newest telemetry snapshot as a message, or null before the first. */
export function latestTelemetry(app: FastifyInstance): TelemetryMessage | null {
  const data = app.telemetry.latest()
  if (!data) return null
  return { type: 'telemetry', t: app.telemetry.latestAt(), data }
}

/**
 * One WebSocket per browser at `/api/ws` (route in routes/api/ws.ts). Telemetry snapshots are forwarded as they
 * arrive, coalesced when they come faster than `maxRateHz`; each message carries `t`, the wall time (epoch ms)
 * the dashboard received the snapshot, so a client can measure its lag.
 */
export const websocketPlugin = definePlugin<WebsocketPluginOptions>(
  async (app, { maxRateHz = 25 }) => {
    await app.register(websocket, { options: { maxPayload: 4096 } })
    const hub = createWsHub<ServerMessage>()
    app.decorate('hub', hub)

    const minIntervalMs = 1000 / maxRateHz
    let lastSent = 0
    let trailing: NodeJS.Timeout | null = null
    const sendLatest = () => {
      trailing = null
      const message = latestTelemetry(app)
      if (!message) return
      lastSent = Date.now()
      hub.broadcast(message)
    }
    const offSnapshot = app.telemetry.onSnapshot(() => {
      if (trailing) return
      const wait = lastSent + minIntervalMs - Date.now()
      if (wait <= 0) sendLatest()
      else trailing = setTimeout(sendLatest, wait)
    })
    const offStatus = app.telemetry.onStatus((connected) =>
      hub.broadcast({ type: 'sim', connected } satisfies SimMessage),
    )

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
      offSnapshot()
      offStatus()
      if (trailing) clearTimeout(trailing)
      hub.close()
      for (const socket of upgrades) socket.destroy()
    })
  },
  { name: 'dvt-websocket', dependencies: ['dvt-telemetry'] },
)
