import { EXIT } from './cli-error'

/** First Ctrl-C (or SIGTERM): abort (the bench left safe, data kept). Second: leave at once. */
export function handleInterrupts(abort: (reason?: string) => void): () => void {
  let count = 0
  const onSignal = (signal: NodeJS.Signals) => {
    count++
    if (count > 1) process.exit(EXIT.aborted)
    process.stderr.write(
      `\n${signal === 'SIGINT' ? 'Ctrl-C' : signal}: aborting — the bench is being made safe (Ctrl-C again to quit at once)\n`,
    )
    abort(`aborted by ${signal === 'SIGINT' ? 'Ctrl-C' : signal}`)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
