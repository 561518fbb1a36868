import type { FastifyInstance } from 'fastify'
import { latestTelemetry } from '../../plugins/websocket'
import type { ServerMessage } from '../../schemas/messages'

/** `GET /api/ws`: the one WebSocket of a browser (auth and Origin are checked by the auth plugin's hook). */
export async function wsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/ws', { websocket: true }, (socket) => {
    socket.on('message', () => {})
    const greeting: ServerMessage[] = [{ type: 'sim', connected: app.telemetry.connected() }]
    const telemetry = latestTelemetry(app)
    if (telemetry) greeting.push(telemetry)
    for (const event of app.runService.activeEvents()) greeting.push({ type: 'run', event })
    app.hub.add(socket, greeting)
  })
}
