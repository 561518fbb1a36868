import { appendBounded } from './ring-buffer'
import type { RunEvent, ServerMessage, Telemetry } from './types'

export type ConnectionStatus = 'connecting' | 'open' | 'closed'

/** One point of the rolling live charts. */
export interface TelemetryPoint {
  t_s: number
  setpoint_c: number
  chamber_c: number
  case_c: number
  junction_c: number
  vin_v: number
  vout_v: number
  iout_a: number
  pdiss_w: number
}

export interface LiveState {
  connection: ConnectionStatus
  simConnected: boolean
  telemetry: Telemetry | null
  /** Wall time (epoch ms) the server received the latest snapshot. */
  telemetryAt: number
  history: TelemetryPoint[]
  /** Events of the latest run seen (cleared when a new run starts). */
  runEvents: RunEvent[]
}

const maxHistory = 300
const maxRunEvents = 5000

function toPoint(d: Telemetry): TelemetryPoint {
  const { t_s, setpoint_c, chamber_c, case_c, junction_c, vin_v, vout_v, iout_a, pdiss_w } = d
  return { t_s, setpoint_c, chamber_c, case_c, junction_c, vin_v, vout_v, iout_a, pdiss_w }
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
    case 'run': {
      const events = message.event.type === 'run-started' ? [] : state.runEvents
      return { ...state, runEvents: appendBounded(events, message.event, maxRunEvents) }
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
    runEvents: [],
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
