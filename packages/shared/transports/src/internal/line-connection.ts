import { isUtf8 } from 'node:buffer'
import type { Socket } from 'node:net'
import type { LineInputError, LineSession } from '../line-device'

/** Framing settings of one connection (already defaulted by the server). */
export interface LineConnectionSettings {
  idleFlushMs: number
  maxLineBytes: number
  onError: ((error: unknown) => void) | undefined
}

type QueueItem = string | LineInputError

const LF = 10
const CR = 13
/** Lines waiting behind an overlapped (async) command before the socket stops being read. */
const MAX_QUEUED_LINES = 1024
const KEEP_PARTIAL_BYTES = 4096
/** Anything that might make a line invalid: C0 controls except TAB/CR, DEL, C1 controls, U+FFFD from bad UTF-8. */
const SUSPECT_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFD]/
const INVALID_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/

/**
 * The framing of docs/scpi.md#framing on one client socket: LF-terminated lines (trailing CR stripped), idle flush
 * of an unterminated line, −363 for overlong lines, −101 for bad bytes, and responses written in line order
 * with one socket write each, even when the session answers asynchronously.
 */
export class LineConnection {
  private partial: Buffer | null = null
  private partialLength = 0
  /** Inside an overlong line: bytes are dropped until the next LF (or an idle flush). */
  private discarding = false
  private idleTimer: NodeJS.Timeout | null = null
  /** An async `handle` is pending: later lines wait in `queue`. */
  private busy = false
  private readonly queue: QueueItem[] = []
  private queueHead = 0
  private closed = false
  private writeBlocked = false
  private queueBlocked = false

  constructor(
    private readonly socket: Socket,
    private readonly session: LineSession,
    private readonly settings: LineConnectionSettings,
  ) {
    socket.on('data', this.onData)
    socket.on('drain', this.onDrain)
  }

  /** Called once the socket has closed: stops all work and closes the session. */
  dispose(): void {
    if (this.closed) return
    this.closed = true
    if (this.idleTimer !== null) clearTimeout(this.idleTimer)
    this.queue.length = 0
    this.partial = null
    try {
      this.session.close?.()
    } catch (error) {
      this.settings.onError?.(error)
    }
  }

  private readonly onData = (chunk: Buffer): void => {
    let start = 0
    if (this.discarding || this.partialLength > 0) {
      const lf = chunk.indexOf(LF)
      if (lf === -1) {
        this.appendPartial(chunk, 0, chunk.length)
        this.armIdle()
        return
      }
      this.completePartial(chunk, lf)
      start = lf + 1
    }
    let lf = chunk.indexOf(LF, start)
    while (lf !== -1) {
      this.emitLine(chunk, start, lf)
      start = lf + 1
      lf = chunk.indexOf(LF, start)
    }
    if (start < chunk.length) {
      this.appendPartial(chunk, start, chunk.length)
      this.armIdle()
    }
  }

  /** Keeps the unterminated tail of the input, at most maxLineBytes + 1 (room for a CR); beyond that: −363. */
  private appendPartial(chunk: Buffer, start: number, end: number): void {
    if (this.discarding) return
    const needed = this.partialLength + (end - start)
    if (needed > this.settings.maxLineBytes + 1) {
      this.partial = null
      this.partialLength = 0
      this.discarding = true
      this.dispatch(-363)
      return
    }
    if (this.partial === null || this.partial.length < needed) {
      const grown = Buffer.allocUnsafe(Math.min(Math.max(256, needed * 2), this.settings.maxLineBytes + 1))
      if (this.partial !== null) this.partial.copy(grown, 0, 0, this.partialLength)
      this.partial = grown
    }
    chunk.copy(this.partial, this.partialLength, start, end)
    this.partialLength = needed
  }

  /** The first LF of `chunk` (at `lf`) ends the line begun in earlier chunks. */
  private completePartial(chunk: Buffer, lf: number): void {
    this.appendPartial(chunk, 0, lf)
    if (this.discarding) {
      this.discarding = false
      return
    }
    this.flushPartial()
  }

  private flushPartial(): void {
    const partial = this.partial
    const length = this.partialLength
    this.partialLength = 0
    if (partial === null) return
    if (partial.length > KEEP_PARTIAL_BYTES) this.partial = null
    this.emitLine(partial, 0, length)
  }

  private emitLine(buffer: Buffer, start: number, end: number): void {
    if (end > start && buffer[end - 1] === CR) end--
    if (end - start > this.settings.maxLineBytes) {
      this.dispatch(-363)
      return
    }
    if (end === start) return
    const line = buffer.toString('utf8', start, end)
    if (SUSPECT_CHAR.test(line) && (INVALID_CHAR.test(line) || !isUtf8(buffer.subarray(start, end)))) {
      this.dispatch(-101)
      return
    }
    this.dispatch(line)
  }

  /** One timer per connection, armed only while an unterminated line (or an overlong one) is pending. */
  private armIdle(): void {
    if (this.idleTimer === null) {
      this.idleTimer = setTimeout(this.onIdle, this.settings.idleFlushMs)
      this.idleTimer.unref()
    } else {
      this.idleTimer.refresh()
    }
  }

  private readonly onIdle = (): void => {
    // While this side stops reading (backpressure), the rest of the line may be waiting in the OS buffers.
    if (this.closed || this.writeBlocked || this.queueBlocked) return
    if (this.discarding) this.discarding = false
    else if (this.partialLength > 0) this.flushPartial()
  }

  private dispatch(item: QueueItem): void {
    if (!this.busy) {
      this.run(item)
      return
    }
    this.queue.push(item)
    if (this.queue.length - this.queueHead > MAX_QUEUED_LINES && !this.queueBlocked) {
      this.queueBlocked = true
      this.updateFlow()
    }
  }

  private run(item: QueueItem): void {
    if (typeof item === 'number') {
      this.reportInputError(item)
      return
    }
    let result: string | null | Promise<string | null>
    try {
      result = this.session.handle(item)
    } catch (error) {
      this.settings.onError?.(error)
      return
    }
    if (typeof result === 'string') this.write(result)
    else if (result != null) {
      this.busy = true
      result.then(this.onResult, this.onFailure)
    }
  }

  private readonly onResult = (response: string | null): void => {
    if (this.closed) return
    if (typeof response === 'string') this.write(response)
    this.busy = false
    this.drain()
  }

  private readonly onFailure = (error: unknown): void => {
    this.settings.onError?.(error)
    if (this.closed) return
    this.busy = false
    this.drain()
  }

  private drain(): void {
    while (!this.busy && this.queueHead < this.queue.length) {
      const item = this.queue[this.queueHead]!
      this.queueHead++
      this.run(item)
    }
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0
      this.queueHead = 0
      if (this.queueBlocked) {
        this.queueBlocked = false
        this.updateFlow()
      }
    } else if (this.queueHead > MAX_QUEUED_LINES) {
      this.queue.splice(0, this.queueHead)
      this.queueHead = 0
    }
  }

  private reportInputError(code: LineInputError): void {
    try {
      this.session.inputError(code)
    } catch (error) {
      this.settings.onError?.(error)
    }
  }

  private write(response: string): void {
    if (this.closed) return
    // One write per response, terminator included, so a response never arrives split across TCP segments.
    if (!this.socket.write(response + '\n') && !this.writeBlocked) {
      this.writeBlocked = true
      this.updateFlow()
    }
  }

  private readonly onDrain = (): void => {
    this.writeBlocked = false
    this.updateFlow()
  }

  /** A client that does not read its responses, or floods an overlapped command, stops being read. */
  private updateFlow(): void {
    if (this.closed) return
    if (this.writeBlocked || this.queueBlocked) {
      this.socket.pause()
    } else {
      this.socket.resume()
      if (this.partialLength > 0 || this.discarding) this.armIdle()
    }
  }
}
