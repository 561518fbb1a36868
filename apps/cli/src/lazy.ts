import { action } from './cli-error'

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
