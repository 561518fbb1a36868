import type { ScpiErrorEntry } from '@dvt/protocol'
import type { CommandTable } from './define-commands'
import { buildTree } from './internal/command-tree'
import { commonCommands } from './internal/common-commands'
import { InstrumentCore } from './internal/instrument-core'
import { Session } from './internal/session'
import type { ScpiIdentity } from './scpi-identity'
import type { ScpiStatusRegister } from './status-register'

/** One client's view of an instrument (its own parser path); what a transport drives line by line. */
export interface ScpiSession {
  /**
   * Executes one program message (a line without its terminator). Returns the response line (several
   * queries joined by `;`), `null` when there is nothing to answer, or a Promise of either when a handler
   * is asynchronous. Never throws for bad input: errors go to the instrument's error queue.
   */
  handle(line: string): string | null | Promise<string | null>
  /** Reports an input-layer error (−101 invalid character, −363 input buffer overrun) to the error queue. */
  inputError(code: number): void
  /** Forgets the session's parser state; the instrument is unaffected. */
  close(): void
}

/** An instrument: shared state of all its sessions (error queue, status registers, context). */
export interface ScpiInstrument {
  readonly identity: ScpiIdentity
  /** Opens a session with its own parser path (one per client connection). */
  openSession(): ScpiSession
  /** Queues an error; `detail` is appended to the standard string (`-222,"Data out of range;detail"`). */
  pushError(code: number, detail?: string): void
  /** Errors waiting in the queue (at most 20). */
  readonly errorCount: number
  /** Removes and returns the oldest error, as `SYSTem:ERRor?` does; undefined when the queue is empty. */
  nextError(): ScpiErrorEntry | undefined
  /** `STATus:QUEStionable` — instruments set its condition bits. */
  readonly questionable: ScpiStatusRegister
  /** `STATus:OPERation` — instruments set its condition bits. */
  readonly operation: ScpiStatusRegister
  /** Standard Event Status Register (read without clearing). */
  readonly eventStatus: number
  /** Status byte as `*STB?` would answer outside a message (MAV clear). */
  readonly statusByte: number
  /** Registers overlapped work for `*OPC`, `*OPC?` and `*WAI` (same as `call.pending`). */
  pending(work: Promise<unknown>): void
  /** Overlapped operations still running. */
  readonly pendingCount: number
  /** Runs the instrument's `*RST` (settings only; the error queue is kept). */
  reset(): void
}

export interface ScpiInstrumentOptions<Ctx> {
  /** Answered by `*IDN?` as `manufacturer,model,serial,firmware`. */
  readonly identity: ScpiIdentity
  /** The instrument's commands; they may replace built-in ones (e.g. its own `*TRG`). */
  readonly commands: CommandTable<Ctx> | readonly CommandTable<Ctx>[]
  /** Passed to every handler as its first argument. */
  readonly context: Ctx
  /** `*RST`: restore the instrument's settings. */
  readonly onReset?: (ctx: Ctx) => void
  /** `*TRG`. */
  readonly onTrigger?: (ctx: Ctx) => void
  /**
   * Called when a handler throws something other than a {@link ScpiExecutionError} (a bug); the client sees
   * `-300,"Device-specific error;<message>"`.
   */
  readonly onUnexpectedError?: (error: unknown) => void
  /** Set the PON bit of the event status register at creation, as a real power-up does (default true). */
  readonly powerOn?: boolean
}

/** Creates an instrument that serves `commands` plus the IEEE 488.2 common commands and SCPI status model. */
export function createScpiInstrument<Ctx>(options: ScpiInstrumentOptions<Ctx>): ScpiInstrument {
  const { context } = options
  const tables: readonly CommandTable<Ctx>[] = Array.isArray(options.commands)
    ? options.commands
    : [options.commands as CommandTable<Ctx>]
  const root = buildTree(
    commonCommands.commands,
    tables.flatMap((t) => t.commands),
  )
  const core = new InstrumentCore(options.identity, {
    reset: () => options.onReset?.(context),
    trigger: () => options.onTrigger?.(context),
    unexpected: (error) => options.onUnexpectedError?.(error),
  })
  if (options.powerOn !== false) core.esr |= 128
  const instrument: ScpiInstrument = {
    identity: options.identity,
    openSession: () => new Session(core, root, context, instrument),
    pushError: (code, detail) => core.pushError(code, detail),
    get errorCount() {
      return core.errors.length
    },
    nextError: () => core.errors.shift(),
    questionable: core.questionable,
    operation: core.operation,
    get eventStatus() {
      return core.esr
    },
    get statusByte() {
      return core.statusByte(false)
    },
    pending: (work) => core.addPending(work),
    get pendingCount() {
      return core.pendingCount
    },
    reset: () => core.reset(),
  }
  return instrument
}
