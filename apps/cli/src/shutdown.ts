/**
 * Resolves after the first SIGINT or SIGTERM, once `close` has finished. A second signal while closing exits at
 * once. Used by long-running commands (`serve`, `dashboard`).
 */
export function onShutdown(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    let closing = false
    const handler = (signal: NodeJS.Signals) => {
      if (closing) process.exit(signal === 'SIGINT' ? 130 : 143)
      closing = true
      console.log('\nstopping…')
      close()
        .catch((error: unknown) => console.error(`dvt: error while stopping: ${String(error)}`))
        .finally(() => {
          process.off('SIGINT', handler)
          process.off('SIGTERM', handler)
          resolve()
        })
    }
    process.on('SIGINT', handler)
    process.on('SIGTERM', handler)
  })
}
