import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { CompletedRun, EventRecord, NewRun, ResultRecord } from '../records'
import { isProcessAlive } from './process-alive'

/** A write to the PostgreSQL store, as kept while the database is unreachable and replayed, in order, once it is back. */
export type SpoolOp =
  | { kind: 'createRun'; run: NewRun; pid: number; host: string }
  | { kind: 'startRun'; id: string; pid: number; host: string }
  | { kind: 'addResults'; runId: string; results: readonly ResultRecord[] }
  | { kind: 'addEvent'; runId: string; event: EventRecord }
  | { kind: 'append'; runId: string; rowCount: number; batch: Uint8Array }
  | { kind: 'completeRun'; id: string; end: CompletedRun }
  | { kind: 'publish'; entries: { runId: string; event: string }[] }
  | { kind: 'releaseBench'; bench: string; runId: string }

const FILE = /^spool-(\d+)-[0-9a-z]+\.db$/

/**
 * A local, durable queue of writes (a SQLite file per process, WAL): a write kept here survives the process being
 * killed, and is written to the database by this process when the database is back, or by the next one that opens
 * the store after this one died. The file exists only while it holds something.
 */
export class Spool {
  readonly path: string
  #db: Database.Database | null = null
  #size = 0

  constructor(path: string) {
    this.path = path
    if (existsSync(path)) {
      this.#size = this.#open().prepare('SELECT count(*) FROM ops').pluck().get() as number
    }
  }

  /** A new spool for this process in `dir` (nothing is created until the first write is kept). */
  static forProcess(dir: string): Spool {
    return new Spool(join(dir, `spool-${process.pid}-${Math.random().toString(36).slice(2, 10)}.db`))
  }

  /** Spool files left by processes of this host that are no longer alive. */
  static leftovers(dir: string): Spool[] {
    if (!existsSync(dir)) return []
    return readdirSync(dir)
      .map((name) => FILE.exec(name))
      .filter((m): m is RegExpExecArray => m !== null && !isProcessAlive(Number(m[1])))
      .map((m) => new Spool(join(dir, m[0])))
  }

  /** How many writes wait to be replayed. */
  get size(): number {
    return this.#size
  }

  add(op: SpoolOp): void {
    const { batch, json } = split(op)
    this.#open().prepare('INSERT INTO ops (op, batch) VALUES (?, ?)').run(json, batch)
    this.#size++
  }

  /** The oldest write kept, or null. */
  first(): { seq: number; op: SpoolOp } | null {
    if (this.#size === 0) return null
    const row = this.#open().prepare('SELECT seq, op, batch FROM ops ORDER BY seq LIMIT 1').get() as
      | { seq: number; op: string; batch: Uint8Array | null }
      | undefined
    if (!row) return null
    const op = JSON.parse(row.op) as SpoolOp
    if (op.kind === 'append' && row.batch) op.batch = row.batch
    return { seq: row.seq, op }
  }

  /** Forgets a write once the database has it; the file goes when the spool is empty. */
  done(seq: number): void {
    this.#open().prepare('DELETE FROM ops WHERE seq = ?').run(seq)
    this.#size--
    if (this.#size === 0) this.close()
  }

  close(): void {
    this.#db?.close()
    this.#db = null
    if (this.#size === 0) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.path}${suffix}`, { force: true })
    }
  }

  #open(): Database.Database {
    if (this.#db) return this.#db
    mkdirSync(join(this.path, '..'), { recursive: true })
    const db = new Database(this.path)
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY, op TEXT NOT NULL, batch BLOB)')
    this.#db = db
    return db
  }
}

function split(op: SpoolOp): { json: string; batch: Uint8Array | null } {
  if (op.kind !== 'append') return { json: JSON.stringify(op), batch: null }
  const { batch, ...rest } = op
  return { json: JSON.stringify(rest), batch }
}
