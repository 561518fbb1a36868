// The messages of `/api/ws`, declared once: the server sends them (plugins/websocket.ts, plugins/run-service.ts,
// routes/api/ws.ts) and the web app reads them (web/src/lib/ws-store.ts). Type-only, so the browser bundle
// imports nothing from the server.
import type { RunEvent } from '@dvt/framework/run-state'
import type { TelemetrySnapshot } from '@dvt/protocol'

/** A telemetry snapshot; `t` is the wall time (epoch ms) the dashboard received it, so a client can see its lag. */
export interface TelemetryMessage {
  type: 'telemetry'
  t: number
  data: TelemetrySnapshot
}

/** The dashboard's connection to the simulator came up or went down. */
export interface SimMessage {
  type: 'sim'
  connected: boolean
}

/** One event of a run. A browser that connects mid-run first gets the active run's events so far. */
export interface RunMessage {
  type: 'run'
  event: RunEvent
}

/** Everything the server sends over `/api/ws`. */
export type ServerMessage = TelemetryMessage | SimMessage | RunMessage
