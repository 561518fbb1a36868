import { initialRunState, type RunEvent, type RunState, reduceRun } from '@dvt/framework/run-state'
import type { SocketSnapshot, TelemetrySnapshot } from '@dvt/protocol'
import type { MeasurementRow } from '@dvt/storage/records'
import type { CampaignMessage, ServerMessage } from '../../../src/schemas/messages'
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

export interface LiveState {
  connection: ConnectionStatus
  simConnected: boolean
  telemetry: TelemetrySnapshot | null
  /** Wall time (epoch ms) the server received the latest snapshot. */
  telemetryAt: number
  history: TelemetryPoint[]
  /** Replaced when another run starts. */
  run: LiveRun | null
  /** The latest news of each campaign seen, by campaign ID. */
  campaigns: Readonly<Record<string, CampaignMessage['campaign'] & { event: string }>>
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

/** Applies one server message to the state (pure, so it is easy to reason about). */
export function reduceLive(state: LiveState, message: ServerMessage): LiveState {
  switch (message.type) {
    case 'telemetry': {
      const last = state.history[state.history.length - 1]
      // A reset simulation restarts its clock: start a fresh chart rather than draw backwards.
      const history = last && message.data.t_s < last.t_s ? [] : state.history
      return {
        ...state,
        simConnected: true,
        telemetry: message.data,
        telemetryAt: message.t,
        history: appendBounded(history, toPoint(message.data), maxHistory),
      }
    }
    case 'sim':
      return { ...state, simConnected: message.connected }
    case 'run':
      return { ...state, run: reduceLiveRun(state.run, message.event) }
    case 'campaign':
      return {
        ...state,
        campaigns: { ...state.campaigns, [message.campaign.id]: { ...message.campaign, event: message.event } },
      }
    default:
      return state
  }
}

/**
 * The app's ONE WebSocket (`/api/ws`): connects on first subscription, reconnects with backoff, and keeps
 * the live state that components read through `useSyncExternalStore`.
 */
export function createLiveStore(url: () => string) {
  let state: LiveState = {
    connection: 'connecting',
    simConnected: false,
    telemetry: null,
    telemetryAt: 0,
    history: [],
    run: null,
    campaigns: {},
  }
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
      set({ ...state, connection: 'closed', simConnected: false })
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
