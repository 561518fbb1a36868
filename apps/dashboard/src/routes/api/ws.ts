import type { FastifyInstance } from 'fastify'

/** `GET /api/ws`: the one WebSocket of a browser (auth and Origin are checked by the auth plugin's hook). */
export async function wsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/ws', { websocket: true }, (socket) => {
    socket.on('message', () => {})
    const greeting: object[] = [{ type: 'sim', connected: app.telemetry.connected() }]
    const latest = app.telemetry.latest()
    if (latest) greeting.push({ type: 'telemetry', t: app.telemetry.latestAt(), data: latest })
    for (const event of app.runService.activeEvents()) greeting.push({ type: 'run', event })
    app.hub.add(socket, greeting)
  })
}
