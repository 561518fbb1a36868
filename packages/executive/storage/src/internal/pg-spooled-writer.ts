import { isConnectionLoss } from './pg-errors'
import { Spool, type SpoolOp } from './pg-spool'
import { applyWrite, type WriteContext } from './pg-writes'

/** How long `close` waits for writes kept during an outage to reach the database, ms. */
const SPOOL_WAIT_MS = 60_000

/**
 * Every write of the PostgreSQL store goes through here: straight to the database, or — when it fails because the
 * database went away, and from then on until the spool is empty, so order holds — into the local spool, which is
 * written back in order as soon as the database answers (retried every 0.25–2 s).
 */
export class SpooledWriter {
  readonly #context: WriteContext
  readonly #spool: Spool
  #draining: Promise<void> | null = null
  #retry: NodeJS.Timeout | undefined
  #kept = 0
  #publishQueue: { runId: string; event: string; done: () => void; fail: (e: unknown) => void }[] = []
  #publishing: Promise<void> = Promise.resolve()

  constructor(context: WriteContext, spoolDir: string) {
    this.#context = context
    this.#spool = Spool.forProcess(spoolDir)
  }

  /** Writes waiting in the spool. */
  get pending(): number {
    return this.#spool.size
  }

  /** Every write that had to be kept locally. */
  get kept(): number {
    return this.#kept
  }

  /** Resolves once the write is in the database, or durable in the spool. */
  async write(op: SpoolOp): Promise<void> {
    // The end of a run waits for what was kept to be written (when the database is back), so it ends in the database.
    if (this.#spool.size > 0 && op.kind === 'completeRun') await this.drainNow().catch(() => undefined)
    if (this.#spool.size === 0) {
      try {
        await applyWrite(this.#context, op)
        return
      } catch (error) {
        if (!isConnectionLoss(error)) throw error
      }
    }
    this.#spool.add(op)
    this.#kept++
    this.#scheduleDrain(250)
  }

  /** Events published in one turn of the event loop go in one write (a burst of readings is one round trip). */
  publish(runId: string, event: unknown): Promise<void> {
    return new Promise((done, fail) => {
      this.#publishQueue.push({ runId, event: JSON.stringify(event), done, fail })
      if (this.#publishQueue.length === 1) setImmediate(() => this.#flushPublished())
    })
  }

  /** Writes the spool now (one drain at a time); rejects when the database is still away. */
  drainNow(): Promise<void> {
    this.#draining ??= drain(this.#context, this.#spool).finally(() => {
      this.#draining = null
    })
    return this.#draining
  }

  /** Writes what another process's spool kept. */
  replay(spool: Spool): Promise<void> {
    return drain(this.#context, spool)
  }

  /** Flushes what was published, waits up to a minute for the spool to reach the database, then lets go. */
  async close(): Promise<void> {
    this.#flushPublished()
    await this.#publishing
    const deadline = Date.now() + SPOOL_WAIT_MS
    while (this.#spool.size > 0 && Date.now() < deadline) {
      await this.drainNow().catch(() => undefined)
      if (this.#spool.size > 0) await new Promise((r) => setTimeout(r, 250))
    }
    clearTimeout(this.#retry)
    if (this.#spool.size > 0) {
      process.emitWarning(
        `${this.#spool.size} writes could not reach the database yet; they are kept in ${this.#spool.path} and the next dvt command that reaches it writes them`,
      )
    }
    this.#spool.close()
  }

  #scheduleDrain(ms: number): void {
    if (this.#retry !== undefined) return
    this.#retry = setTimeout(() => {
      this.#retry = undefined
      const again = () => this.#scheduleDrain(Math.min(ms * 2, 2000))
      this.drainNow().then(() => {
        if (this.#spool.size > 0) again()
      }, again)
    }, ms)
  }

  #flushPublished(): void {
    const batch = this.#publishQueue
    if (batch.length === 0) return
    this.#publishQueue = []
    const entries = batch.map(({ runId, event }) => ({ runId, event }))
    this.#publishing = this.write({ kind: 'publish', entries }).then(
      () => {
        for (const p of batch) p.done()
      },
      (error: unknown) => {
        for (const p of batch) p.fail(error)
      },
    )
  }
}

/** Writes a spool's operations in order; stops (keeping the rest) when the database goes away again. */
async function drain(context: WriteContext, spool: Spool): Promise<void> {
  for (let next = spool.first(); next !== null; next = spool.first()) {
    try {
      await applyWrite(context, next.op)
    } catch (error) {
      if (isConnectionLoss(error)) throw error
      process.emitWarning(`a write kept during a database outage was refused and dropped: ${(error as Error).message}`)
    }
    spool.done(next.seq)
  }
  spool.close()
}
