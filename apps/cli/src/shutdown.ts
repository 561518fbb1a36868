/** Where shutdown signals come from and how a second one leaves: `process` itself outside tests. */
export interface SignalHost {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  exit(code: number): void
}

/**
 * Resolves after the first SIGINT or SIGTERM, once `close` has finished. A second signal while closing exits at
 * once. Used by long-running commands (`serve`, `dashboard`).
 */
export function onShutdown(close: () => Promise<void>, host: SignalHost = process): Promise<void> {
  return new Promise((resolve) => {
    let closing = false
    const handler = (signal: NodeJS.Signals) => {
      if (closing) {
        host.exit(signal === 'SIGINT' ? 130 : 143)
        return
      }
      closing = true
      console.log('\nstopping…')
      close()
        .catch((error: unknown) => console.error(`dvt: error while stopping: ${String(error)}`))
        .finally(() => {
          host.off('SIGINT', handler)
          host.off('SIGTERM', handler)
          resolve()
        })
    }
    host.on('SIGINT', handler)
    host.on('SIGTERM', handler)
  })
}
