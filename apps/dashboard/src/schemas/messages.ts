// The messages of `/api/ws`, declared once: the server sends them (plugins/websocket.ts, plugins/run-service.ts,
// plugins/station-runs.ts, plugins/campaigns.ts, routes/api/ws.ts) and the web app reads them
// (web/src/lib/ws-store.ts). Type-only, so the browser bundle imports nothing from the server.
import type { RunEvent, RunProgress } from '@dvt/framework/run-state'
import type { BenchPort, TelemetrySnapshot } from '@dvt/protocol'
import type { CampaignRecord, RunStatus } from '@dvt/storage/records'

/** A bench of the fleet (`dashboard.benches`, or the local bench alone): its name is its station's. */
export interface BenchInfo {
  name: string
  host: string
  ports: Record<BenchPort, number>
}

/** The benches the dashboard follows, in the configured order (the first is the local one); sent first. */
export interface BenchesMessage {
  type: 'benches'
  benches: BenchInfo[]
}

/**
 * A telemetry snapshot of the bench `bench`; `t` is the wall time (epoch ms) the dashboard received it, so a client
 * can see its lag.
 */
export interface TelemetryMessage {
  type: 'telemetry'
  bench: string
  t: number
  data: TelemetrySnapshot
}

/** The dashboard's connection to the bench `bench` (its telemetry stream) came up or went down. */
export interface SimMessage {
  type: 'sim'
  bench: string
  connected: boolean
}

/**
 * One event of a run this dashboard started (the Tests page). A browser that connects mid-run first gets the active
 * run's events so far.
 */
export interface RunMessage {
  type: 'run'
  event: RunEvent
}

/**
 * A run of any process on any station as the store's run-event feed shows it (plugins/station-runs.ts): enough for
 * the Fleet page's card of its station.
 */
export interface StationRun {
  id: string
  test: string
  /** The station it runs on: the name of its bench in the fleet. */
  station: string | null
  status: RunStatus
  statusReason: string | null
  serial: string | null
  startedAt: string
  completedAt: string | null
  /** Seconds of bench time since the run started. */
  simTime: number
  currentStep: string | null
  /** Steps finished, of `stepsTotal` (0 when the run was joined mid-way and its plan is not known). */
  stepsDone: number
  stepsTotal: number
  /** The latest progress report (`point k of n`), or null before one. */
  progress: RunProgress | null
  measurements: number
}

/** The latest run of a station changed (started, moved on, ended). Greetings carry every station's latest run. */
export interface StationRunMessage {
  type: 'station-run'
  run: StationRun
}

/**
 * A campaign moved on: an event of a campaign this dashboard runs (`event` is the runner's event type, e.g.
 * `point-finished`), or `progress` for a change of a campaign's stored progress (one started by `dvt run-plan` in a
 * terminal). A page showing the campaign reads its summary again.
 */
export interface CampaignMessage {
  type: 'campaign'
  event: string
  /** `station` says which bench of the fleet it runs on (the Fleet page's card). */
  campaign: Pick<CampaignRecord, 'id' | 'name' | 'station' | 'status' | 'yield' | 'progress'>
}

/** Everything the server sends over `/api/ws`. */
export type ServerMessage =
  | BenchesMessage
  | TelemetryMessage
  | SimMessage
  | RunMessage
  | StationRunMessage
  | CampaignMessage
