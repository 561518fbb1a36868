import type { BenchLock } from '../records'
import { isProcessAlive } from './process-alive'

/** How long a bench lock lasts without renewal [30 s]; the holder renews it every third of that. */
export const DEFAULT_LEASE_MS = 30_000

export interface LockClaimant {
  runId: string
  pid: number
  host: string
}

/**
 * Whether `me` may take a bench that `holder` has: it is free, already ours, its lease has run out (a holder that
 * died anywhere stops renewing), or its holder is a dead process on this host (no need to wait for the lease).
 */
export function mayTakeBench(holder: BenchLock | undefined, me: LockClaimant, now: number): boolean {
  if (holder === undefined) return true
  if (holder.runId === me.runId && holder.pid === me.pid && holder.hostname === me.host) return true
  if (Date.parse(holder.expiresAt) <= now) return true
  return holder.hostname === me.host && !isProcessAlive(holder.pid)
}

/** Renews the leases a store holds, every third of the lease, until they are dropped or the store closes. */
export class LeaseKeeper {
  readonly #timers = new Map<string, NodeJS.Timeout>()
  readonly #renew: (bench: string, runId: string) => Promise<void>
  readonly leaseMs: number

  constructor(leaseMs: number, renew: (bench: string, runId: string) => Promise<void>) {
    this.leaseMs = leaseMs
    this.#renew = renew
  }

  expiry(now = Date.now()): string {
    return new Date(now + this.leaseMs).toISOString()
  }

  hold(bench: string, runId: string): void {
    const key = `${bench}\u0000${runId}`
    if (this.#timers.has(key)) return
    // A renewal that fails (the database briefly away) is retried on the next tick; the lease outlasts a few misses.
    const timer = setInterval(() => this.#renew(bench, runId).catch(() => undefined), Math.max(50, this.leaseMs / 3))
    timer.unref()
    this.#timers.set(key, timer)
  }

  drop(bench: string, runId: string): void {
    const key = `${bench}\u0000${runId}`
    clearInterval(this.#timers.get(key))
    this.#timers.delete(key)
  }

  /** Stops renewing everything (close; a crash stops it too, which is how a dead holder's lease runs out). */
  dropAll(): void {
    for (const timer of this.#timers.values()) clearInterval(timer)
    this.#timers.clear()
  }
}
