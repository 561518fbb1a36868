import type { BenchLock } from '../records'
import { isOwnerAlive } from './process-alive'
import type { Statements } from './statements'

export interface BenchLockContext {
  sql: Statements
  pid: number
  host: string
}

/**
 * Takes `bench` for `runId` unless a live process holds it; returns that holder, or null when taken.
 * Run it inside an IMMEDIATE transaction so two processes cannot both see the bench free.
 */
export function acquireBenchLock(ctx: BenchLockContext, bench: string, runId: string): BenchLock | null {
  const holder = ctx.sql.getLock.get(bench) as BenchLock | undefined
  const mine = holder !== undefined && holder.runId === runId && holder.pid === ctx.pid && holder.hostname === ctx.host
  if (holder !== undefined && !mine && isOwnerAlive(holder.pid, holder.hostname)) return holder
  // Free, ours already, or left by a dead process: take it.
  ctx.sql.putLock.run(bench, runId, ctx.pid, ctx.host, new Date().toISOString())
  return null
}
