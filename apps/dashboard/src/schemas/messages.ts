// The messages of `/api/ws`, declared once: the server sends them (plugins/websocket.ts, plugins/run-service.ts,
// routes/api/ws.ts) and the web app reads them (web/src/lib/ws-store.ts). Type-only, so the browser bundle
// imports nothing from the server.
import type { RunEvent } from '@dvt/framework/run-state'
import type { TelemetrySnapshot } from '@dvt/protocol'
import type { CampaignRecord } from '@dvt/storage/records'

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

/**
 * A campaign moved on: an event of a campaign this dashboard runs (`event` is the runner's event type, e.g.
 * `point-finished`), or `progress` for a change of a campaign's stored progress (one started by `dvt run-plan` in a
 * terminal). A page showing the campaign reads its summary again.
 */
export interface CampaignMessage {
  type: 'campaign'
  event: string
  campaign: Pick<CampaignRecord, 'id' | 'status' | 'yield' | 'progress'>
}

/** Everything the server sends over `/api/ws`. */
export type ServerMessage = TelemetryMessage | SimMessage | RunMessage | CampaignMessage
