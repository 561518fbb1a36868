import type { SocketSnapshot, TelemetrySnapshot } from '@dvt/protocol'
import type { TelemetryPoint } from '../../../lib/ws-store'

/** How many DUT sockets a snapshot describes: its `sockets`, or one for a bench from before sockets. */
export function socketCount(t: TelemetrySnapshot | null): number {
  return Math.max(1, t?.sockets?.length ?? 1)
}

/** The snapshot with socket `n`'s DUT values at the top level, where socket 1's are (the cards read them there). */
export function snapshotOfSocket(t: TelemetrySnapshot | null, n: number): TelemetrySnapshot | null {
  const socket: SocketSnapshot | undefined = t?.sockets?.[n - 1]
  if (!t || n === 1 || !socket) return t
  const { serial: _serial, ...values } = socket
  return { ...t, ...values }
}

/** The chart history of socket `n`: the chamber's values and that socket's (socket 1's are the top level). */
export function historyOfSocket(history: readonly TelemetryPoint[], n: number): TelemetryPoint[] {
  if (n === 1) return history as TelemetryPoint[]
  return history.flatMap(({ sockets, ...point }) => {
    const socket = sockets?.[n - 1]
    return socket ? [{ ...point, ...socket }] : []
  })
}
