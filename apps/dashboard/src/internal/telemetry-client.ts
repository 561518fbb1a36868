import { connect, type Socket } from 'node:net'
import type { TelemetrySnapshot } from '@dvt/protocol'

/** A reconnecting reader of the telemetry stream (NDJSON over TCP). */
export interface TelemetryClient {
  /** The newest snapshot, or null before the first one. */
  latest(): TelemetrySnapshot | null
  /** Wall time (epoch ms) the newest snapshot arrived. */
  latestAt(): number
  connected(): boolean
  /** Called with every snapshot and the wall time it arrived; returns an unsubscribe function. */
  onSnapshot(listener: (snapshot: TelemetrySnapshot, receivedAt: number) => void): () => void
  /** Called when the connection comes up or goes down. */
  onStatus(listener: (connected: boolean) => void): () => void
  close(): void
}

export interface TelemetryClientOptions {
  host: string
  port: number
  /** First reconnect delay; doubles up to `maxBackoffMs`. */
  minBackoffMs?: number
  maxBackoffMs?: number
  /** A partial line longer than this drops the connection (a misbehaving peer). */
  maxLineBytes?: number
}

/**
 * A snapshot from one NDJSON line, or null for anything that is not a JSON object. The bench sends the
 * protocol's snapshot (docs/scpi.md#telemetry); its keys are not re-checked here, the browser shows what came.
 */
export function parseSnapshot(line: string): TelemetrySnapshot | null {
  if (line.length === 0) return null
  try {
    const parsed: unknown = JSON.parse(line)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as TelemetrySnapshot)
      : null
  } catch {
    return null
  }
}

/** Splits a text stream into lines; returns false once a partial line grows past `maxLineBytes`. */
function createLineSplitter(maxLineBytes: number, onLine: (line: string) => void) {
  let pending = ''
  return (chunk: string): boolean => {
    pending += chunk
    let newline = pending.indexOf('\n')
    while (newline >= 0) {
      onLine(pending.slice(0, newline).trim())
      pending = pending.slice(newline + 1)
      newline = pending.indexOf('\n')
    }
    return pending.length <= maxLineBytes
  }
}

/** Connects at once and keeps reconnecting (with backoff) until closed. */
export function createTelemetryClient(options: TelemetryClientOptions): TelemetryClient {
  const { host, port, minBackoffMs = 200, maxBackoffMs = 5000, maxLineBytes = 1 << 20 } = options
  const snapshotListeners = new Set<(s: TelemetrySnapshot, at: number) => void>()
  const statusListeners = new Set<(c: boolean) => void>()
  let latest: TelemetrySnapshot | null = null
  let latestAt = 0
  let isConnected = false
  let closed = false
  let socket: Socket | null = null
  let timer: NodeJS.Timeout | null = null
  let backoff = minBackoffMs

  const setStatus = (value: boolean) => {
    if (value === isConnected) return
    isConnected = value
    for (const listener of statusListeners) listener(value)
  }

  const handleLine = (line: string) => {
    const snapshot = parseSnapshot(line)
    if (!snapshot) return
    latest = snapshot
    latestAt = Date.now()
    for (const listener of snapshotListeners) listener(snapshot, latestAt)
  }

  const scheduleReconnect = () => {
    if (closed || timer) return
    timer = setTimeout(() => {
      timer = null
      open()
    }, backoff)
    timer.unref()
    backoff = Math.min(backoff * 2, maxBackoffMs)
  }

  const open = () => {
    if (closed) return
    const feed = createLineSplitter(maxLineBytes, handleLine)
    const s = connect({ host, port })
    socket = s
    s.setEncoding('utf8')
    s.on('connect', () => {
      backoff = minBackoffMs
      setStatus(true)
    })
    s.on('data', (chunk: string) => {
      if (!feed(chunk)) s.destroy()
    })
    s.on('error', () => {})
    s.on('close', () => {
      if (socket === s) socket = null
      setStatus(false)
      scheduleReconnect()
    })
  }

  open()
  return {
    latest: () => latest,
    latestAt: () => latestAt,
    connected: () => isConnected,
    onSnapshot(listener) {
      snapshotListeners.add(listener)
      return () => snapshotListeners.delete(listener)
    },
    onStatus(listener) {
      statusListeners.add(listener)
      return () => statusListeners.delete(listener)
    },
    close() {
      closed = true
      if (timer) clearTimeout(timer)
      timer = null
      socket?.destroy()
      socket = null
      setStatus(false)
    },
  }
}
