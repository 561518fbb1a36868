import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { SessionError } from './session-error'
import {
  exchangeLine,
  type Session,
  type SessionEnd,
  type SessionExchange,
  type SessionHeader,
  sessionPath,
} from './session-format'

/** A session file being written: lines are kept as they come, the file is written and renamed into place at `close`. */
export interface SessionWriter {
  readonly path: string
  /** Adds one exchange line. */
  append(exchange: SessionExchange): void
  /** Adds the end line, writes the file and renames it into place; returns its path. */
  close(end: SessionEnd): string
  /** Drops the lines; no file is written. */
  abort(): void
}

/** Fast compression: SCPI traffic is repetitive, so level 1 already shrinks it ~9×. */
const GZIP_LEVEL = 1

/**
 * Starts a session file (docs/sessions.md#durability). Its lines stay in memory (a tempco's are ~80 kB) until
 * `close`, which compresses them, writes them to a temporary name beside the final one,
 * `.run_<id>.ndjson.gz.partial-<pid>` (no reader opens it), and renames that into place: atomic, so a process that
 * dies leaves no session file, never a partial one under the final name. The file is not fsynced (on a shared disk
 * that costs 5–30 ms, more than a tempco's whole recording): after a power cut it may be missing or damaged, and a
 * damaged one fails the reader's check (gzip CRC, end line, exchange count) instead of being replayed.
 */
export function openSessionWriter(measurementsDir: string, header: SessionHeader): SessionWriter {
  const path = sessionPath(measurementsDir, header.run_id)
  const temporary = join(dirname(path), `.${basename(path)}.partial-${process.pid}`)
  // The header is written with the rest at close, so what the run learnt of its instruments (an identity first asked
  // during the run) is in it.
  let lines: string[] | null = []
  return {
    path,
    append(exchange) {
      lines?.push(exchangeLine(exchange))
    },
    close(end) {
      if (lines === null) throw writeFailed(path, new Error('the recording was dropped'))
      lines.push(JSON.stringify(end))
      const text = `${JSON.stringify(header)}\n${lines.join('\n')}\n`
      lines = null
      try {
        ensureFolder(dirname(path))
        // Synchronous: for tens of kilobytes one call costs less, in CPU and in wall time, than the thread-pool hops
        // of the asynchronous calls (measured, docs/benchmarks.md#session-recording-and-replay).
        writeFileSync(temporary, gzipSync(text, { level: GZIP_LEVEL }))
        renameSync(temporary, path)
        return path
      } catch (error) {
        removeQuietly(temporary)
        madeFolders.delete(dirname(path))
        throw writeFailed(path, error)
      }
    },
    abort() {
      lines = null
    },
  }
}

/** Writes a whole session at once (as `openSessionWriter` does line by line); returns its path. */
export function writeSessionFile(measurementsDir: string, session: Session): string {
  const writer = openSessionWriter(measurementsDir, session.header)
  for (const exchange of session.exchanges) writer.append(exchange)
  return writer.close(session.end)
}

/** Folders this process has made (or found): a mkdir per run would wait on the disk's journal behind other fsyncs. */
const madeFolders = new Set<string>()

function ensureFolder(folder: string): void {
  if (madeFolders.has(folder)) return
  mkdirSync(folder, { recursive: true })
  madeFolders.add(folder)
}

function writeFailed(path: string, error: unknown): SessionError {
  return new SessionError(
    'SESSION_WRITE_FAILED',
    `cannot write the session recording ${path}: ${(error as Error).message} — check data.measurements_dir`,
    { cause: error },
  )
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // Nothing to remove: the folder itself is what failed.
  }
}
