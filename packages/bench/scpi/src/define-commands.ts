import { type ParsedPattern, parsePattern, suffixSlotCount } from './internal/pattern'
import type { ScpiParam } from './params'
import { ScpiError } from './scpi-errors'
import type { ScpiInstrument } from './scpi-instrument'

/**
 * What a handler gets besides its context and parameter values. The object is reused by the session:
 * read it during the handler (including after an `await` inside it), do not keep it.
 */
export interface ScpiCall {
  /** The instrument executing the command (error queue, status registers, pending operations). */
  readonly instrument: ScpiInstrument
  /** True when the header ended in `?`. */
  readonly isQuery: boolean
  /**
   * Numeric suffix of the `index`-th node of the pattern that declares one (`OUTPut<1-3>` → index 0);
   * 1 when the client omitted it.
   */
  suffix(index?: number): number
  /**
   * Registers overlapped work: `*OPC?` answers and `*WAI` continues only once it settles, `*OPC` sets the
   * ESR OPC bit then. A rejection with a {@link ScpiExecutionError} queues its code.
   */
  pending(work: Promise<unknown>): void
}

/** What a query handler may return: a string as is, a number as NR3, a boolean as `1`/`0`, nothing for no answer. */
export type ScpiResult = string | number | boolean | null | undefined

declare const untyped: unique symbol
/** Marker for tables whose parameter types were not inferred (explicit `defineCommands<Ctx>(…)`). */
export type Untyped = typeof untyped

/** The values a handler receives for a list of parameter types. */
export type ParamValues<P> = P extends readonly ScpiParam<unknown>[]
  ? { -readonly [K in keyof P]: P[K] extends ScpiParam<infer T> ? T : never }
  : []

/**
 * A handler: the instrument context, one value per declared parameter, then the {@link ScpiCall}. It returns a
 * {@link ScpiResult} (or a Promise of one); a command's result is ignored.
 */
export type CommandHandler<Ctx, P> = [P] extends [Untyped]
  ? // biome-ignore lint/suspicious/noExplicitAny: an untyped table cannot know its handlers' values
    (ctx: Ctx, ...args: any[]) => unknown
  : (ctx: Ctx, ...args: [...ParamValues<P>, ScpiCall]) => unknown

/** One entry of a command table. */
export interface CommandSpec<Ctx, P = readonly ScpiParam<unknown>[]> {
  /** Parameter types, in order; optional ones last. */
  readonly params?: [P] extends [Untyped] ? readonly ScpiParam<unknown>[] : P
  /** More header patterns served by the same handler (dialect aliases). */
  readonly aliases?: readonly string[]
  readonly run: CommandHandler<Ctx, P>
}

/** A compiled entry: pattern(s) parsed, ready for the command tree. */
export interface CompiledCommand {
  readonly patterns: readonly ParsedPattern[]
  readonly params: readonly ScpiParam<unknown>[]
  readonly required: number
  readonly suffixSlots: number
  readonly run: (...args: unknown[]) => unknown
}

/** A command table built by {@link defineCommands}; `Ctx` is the context handlers receive. */
export interface CommandTable<Ctx> {
  readonly commands: readonly CompiledCommand[]
  /** Phantom: ties the table to its context type. */
  readonly __context?: (ctx: Ctx) => void
}

function compileCommand(pattern: string, spec: CommandSpec<unknown, Untyped>): CompiledCommand {
  const patterns = [pattern, ...(spec.aliases ?? [])].map(parsePattern)
  const params = spec.params ?? []
  const firstOptional = params.findIndex((p) => p.optional)
  const required = firstOptional < 0 ? params.length : firstOptional
  if (params.slice(required).some((p) => !p.optional)) {
    throw new ScpiError('SCPI_INVALID_PARAMS', `"${pattern}": a required parameter follows an optional one`)
  }
  const kinds = new Set(patterns.map((p) => p.query))
  if (kinds.size > 1) throw new ScpiError('SCPI_INVALID_PATTERN', `"${pattern}": aliases mix queries and commands`)
  const suffixSlots = Math.max(...patterns.map(suffixSlotCount))
  return { patterns, params, required, suffixSlots, run: spec.run as (...args: unknown[]) => unknown }
}

/**
 * Declares an instrument's commands as data. Keys are header patterns (`[SOURce:]VOLTage[:LEVel]`,
 * `MEASure[:VOLTage][:DC]?`, `OUTPut<1-3>:STATe`); a trailing `?` makes a query.
 *
 * For typed handler values let TypeScript infer the table — annotate the result
 * (`const commands: CommandTable<Ctx> = defineCommands({...})`) or the handlers' `ctx`. With an explicit
 * `defineCommands<Ctx>({...})` the values are `any`.
 */
export function defineCommands<Ctx, const T extends Record<string, unknown> = Record<string, Untyped>>(
  table: {
    [K in keyof T]: CommandSpec<Ctx, T[K]>
  },
): CommandTable<Ctx> {
  const commands = Object.entries(table).map(([pattern, spec]) =>
    compileCommand(pattern, spec as CommandSpec<unknown, Untyped>),
  )
  return { commands }
}
