import { initialRunState, type RunEvent, type RunState, reduceRun } from '@dvt/framework/run-state'
import type { SocketSnapshot, TelemetrySnapshot } from '@dvt/protocol'
import type { MeasurementRow } from '@dvt/storage/records'
import type { BenchInfo, CampaignMessage, ServerMessage, StationRun } from '../../../src/schemas/messages'
import { appendBounded } from './ring-buffer'

export type ConnectionStatus = 'connecting' | 'open' | 'closed'

/** The quantities of one DUT socket the live charts draw. */
export type SocketPoint = Pick<SocketSnapshot, 'case_c' | 'junction_c' | 'vin_v' | 'vout_v' | 'iout_a' | 'pdiss_w'>

/** One point of the rolling live charts: the chamber and socket 1 (the top level of a snapshot). */
export interface TelemetryPoint extends SocketPoint {
  t_s: number
  setpoint_c: number
  chamber_c: number
  /** Every socket's quantities, socket 1 first, when the board has more than one socket. */
  sockets?: SocketPoint[]
}

/** The latest run the dashboard has seen: its state, and its readings (RunState keeps only the last one). */
export interface LiveRun {
  state: RunState
  rows: MeasurementRow[]
}

/** One bench's live state: its connection, its latest snapshot and the rolling history behind the charts. */
export interface BenchLive {
  simConnected: boolean
  telemetry: TelemetrySnapshot | null
  /** Wall time (epoch ms) the server received the latest snapshot. */
  telemetryAt: number
  history: TelemetryPoint[]
}

export interface LiveState {
  connection: ConnectionStatus
  /** The benches the dashboard follows, in its order (the first is the local one). */
  benches: BenchInfo[]
  /** Each bench's live state, by its name. */
  live: Readonly<Record<string, BenchLive>>
  /** The latest run this dashboard started; replaced when another run starts. */
  run: LiveRun | null
  /** Each station's latest run, from the store's run-event feed (runs of every process), by station name. */
  stationRuns: Readonly<Record<string, StationRun>>
  /** The latest news of each campaign seen, by campaign ID. */
  campaigns: Readonly<Record<string, CampaignMessage['campaign'] & { event: string }>>
}

/** A bench before anything is known of it. */
export const idleBench: BenchLive = Object.freeze({ simConnected: false, telemetry: null, telemetryAt: 0, history: [] })

/** The state before the WebSocket's greeting. */
export function initialLiveState(): LiveState {
  return { connection: 'connecting', benches: [], live: {}, run: null, stationRuns: {}, campaigns: {} }
}

const maxHistory = 300
const maxRunRows = 5000

function toSocketPoint(s: SocketPoint): SocketPoint {
  const { case_c, junction_c, vin_v, vout_v, iout_a, pdiss_w } = s
  return { case_c, junction_c, vin_v, vout_v, iout_a, pdiss_w }
}

function toPoint(d: TelemetrySnapshot): TelemetryPoint {
  const { t_s, setpoint_c, chamber_c } = d
  const point: TelemetryPoint = { t_s, setpoint_c, chamber_c, ...toSocketPoint(d) }
  // A bench from before sockets sends no `sockets`; a board of one needs no second copy of the top level.
  if (d.sockets && d.sockets.length > 1) point.sockets = d.sockets.map(toSocketPoint)
  return point
}

/** Folds one run event into the latest run; `run-started` (also when replayed) or another run's event starts afresh. */
export function reduceLiveRun(run: LiveRun | null, event: RunEvent): LiveRun {
  const fresh = !run || run.state.id !== event.runId || event.type === 'run-started'
  const current = fresh ? { state: initialRunState(event.runId), rows: [] } : run
  const rows = event.type === 'measurement' ? appendBounded(current.rows, event.row, maxRunRows) : current.rows
  return { state: reduceRun(current.state, event), rows }
}

/** Folds one snapshot into a bench's live state. A reset simulation restarts its clock: the chart starts afresh. */
export function reduceBenchLive(bench: BenchLive, t: number, data: TelemetrySnapshot): BenchLive {
  const last = bench.history[bench.history.length - 1]
  const history = last && data.t_s < last.t_s ? [] : bench.history
  return {
    simConnected: true,
    telemetry: data,
    telemetryAt: t,
    history: appendBounded(history, toPoint(data), maxHistory),
  }
}

const withBench = (state: LiveState, name: string, change: (bench: BenchLive) => BenchLive): LiveState => ({
  ...state,
  live: { ...state.live, [name]: change(state.live[name] ?? idleBench) },
})

/** Applies one server message to the state (pure, so it is easy to reason about). */
export function reduceLive(state: LiveState, message: ServerMessage): LiveState {
  switch (message.type) {
    case 'benches':
      return { ...state, benches: message.benches }
    case 'telemetry':
      return withBench(state, message.bench, (bench) => reduceBenchLive(bench, message.t, message.data))
    case 'sim':
      return withBench(state, message.bench, (bench) => ({ ...bench, simConnected: message.connected }))
    case 'run':
      return { ...state, run: reduceLiveRun(state.run, message.event) }
    case 'station-run': {
      const { station } = message.run
      return station === null ? state : { ...state, stationRuns: { ...state.stationRuns, [station]: message.run } }
    }
    case 'campaign':
      return {
        ...state,
        campaigns: { ...state.campaigns, [message.campaign.id]: { ...message.campaign, event: message.event } },
      }
    default:
      return state
  }
}

/** Every bench disconnected (the dashboard itself went away); what was last seen stays on screen. */
function disconnectAll(live: LiveState['live']): LiveState['live'] {
  return Object.fromEntries(Object.entries(live).map(([name, bench]) => [name, { ...bench, simConnected: false }]))
}

/**
 * The app's ONE WebSocket (`/api/ws`): connects on first subscription, reconnects with backoff, and keeps
 * the live state that components read through `useSyncExternalStore`.
 */
export function createLiveStore(url: () => string) {
  let state: LiveState = initialLiveState()
  const listeners = new Set<() => void>()
  let socket: WebSocket | null = null
  let backoff = 500
  let started = false

  const set = (next: LiveState) => {
    state = next
    for (const listener of listeners) listener()
  }

  const connect = () => {
    set({ ...state, connection: 'connecting' })
    const ws = new WebSocket(url())
    socket = ws
    ws.onopen = () => {
      backoff = 500
      set({ ...state, connection: 'open' })
    }
    ws.onmessage = (e: MessageEvent<string>) => {
      try {
        set(reduceLive(state, JSON.parse(e.data) as ServerMessage))
      } catch {
        // A malformed message is ignored; the next snapshot replaces it.
      }
    }
    ws.onclose = () => {
      if (socket !== ws) return
      socket = null
      set({ ...state, connection: 'closed', live: disconnectAll(state.live) })
      setTimeout(connect, backoff)
      backoff = Math.min(backoff * 2, 5000)
    }
  }

  return {
    subscribe(listener: () => void) {
      listeners.add(listener)
      if (!started) {
        started = true
        connect()
      }
      return () => listeners.delete(listener)
    },
    getSnapshot: () => state,
  }
}

function defaultUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}/api/ws`
}

/** The store every component shares. */
export const liveStore = createLiveStore(defaultUrl)
