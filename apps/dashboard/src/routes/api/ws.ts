import type { FastifyInstance } from 'fastify'
import { latestTelemetry } from '../../plugins/websocket'
import type { ServerMessage } from '../../schemas/messages'

/** What a browser is told first: the benches, each one's state and latest snapshot, the runs in progress. */
function greeting(app: FastifyInstance): ServerMessage[] {
  const { links } = app.benches
  const messages: ServerMessage[] = [{ type: 'benches', benches: links.map((link) => link.info) }]
  for (const link of links) {
    messages.push({ type: 'sim', bench: link.info.name, connected: link.telemetry.connected() })
    const telemetry = latestTelemetry(link)
    if (telemetry) messages.push(telemetry)
  }
  for (const event of app.runService.activeEvents()) messages.push({ type: 'run', event })
  for (const run of app.stationRuns.latest()) messages.push({ type: 'station-run', run })
  return messages
}

/** `GET /api/ws`: the one WebSocket of a browser (auth and Origin are checked by the auth plugin's hook). */
export async function wsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/ws', { websocket: true }, (socket) => {
    socket.on('message', () => {})
    app.hub.add(socket, greeting(app))
  })
}
