import type { WebSocket } from 'ws'

/** The browsers connected over `/api/ws`; every message is serialised once for all of them. */
export interface WsHub<M extends object = object> {
  add(socket: WebSocket, greeting?: readonly M[]): void
  broadcast(message: M): void
  count(): number
  close(): void
}

export interface WsHubOptions {
  /** A client whose unsent bytes exceed this has stopped reading: it is dropped. */
  maxBufferedBytes?: number
}

/** Creates the fan-out of server messages to browser WebSockets. */
export function createWsHub<M extends object = object>(options: WsHubOptions = {}): WsHub<M> {
  const { maxBufferedBytes = 1 << 20 } = options
  const clients = new Set<WebSocket>()

  const sendTo = (socket: WebSocket, data: string) => {
    if (socket.readyState !== socket.OPEN) return
    if (socket.bufferedAmount > maxBufferedBytes) {
      clients.delete(socket)
      socket.terminate()
      return
    }
    socket.send(data)
  }

  return {
    add(socket, greeting = []) {
      clients.add(socket)
      const forget = () => clients.delete(socket)
      socket.on('close', forget)
      socket.on('error', forget)
      for (const message of greeting) sendTo(socket, JSON.stringify(message))
    },
    broadcast(message) {
      if (clients.size === 0) return
      const data = JSON.stringify(message)
      for (const socket of clients) sendTo(socket, data)
    },
    count: () => clients.size,
    close() {
      for (const socket of clients) socket.close(1001, 'server closing')
      clients.clear()
    },
  }
}
