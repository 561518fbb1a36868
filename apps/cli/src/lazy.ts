import { reportError } from './report-error'

/**
 * A command action whose implementation (and its heavy dependencies: SQLite, Fastify, Chromium drivers…) is
 * loaded only when that command runs, so `dvt --help` or `dvt list-runs` start in a fraction of the time.
 */
export function lazy<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return action(async (...args: unknown[]) => {
    const module = await load()
    const run = module[name] as (...a: unknown[]) => Promise<number | undefined> | number | undefined
    return run(...args)
  })
}

/** Wraps a command's action: a thrown error becomes one line on stderr and a non-zero exit. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | undefined> | number | undefined) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args)
      if (code !== undefined) process.exitCode = code
    } catch (error) {
      if (process.env.DVT_DEBUG) console.error(error)
      const report = reportError(error)
      console.error(report.line)
      process.exitCode = report.exitCode
    }
  }
}
