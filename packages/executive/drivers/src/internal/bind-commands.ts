import {
  commandLine,
  type DriverArgs,
  type DriverCommand,
  type DriverCommandTable,
  type DriverMethods,
  type DriverReply,
  type DriverResult,
} from '../driver-table'
import { badResponse, type QueryOptions, type ScpiChannel } from './scpi-channel'

/** Parses a reply; whatever the parser throws becomes the cause of a `DRIVER_BAD_RESPONSE`. */
function parseReply<T>(channel: ScpiChannel, line: string, reply: string, parse: (text: string) => T): T {
  try {
    return parse(reply)
  } catch (cause) {
    throw badResponse(channel.name, line, `answered "${reply}" to "${line}"`, { cause })
  }
}

/** Sends one row's line through the channel's error check and parses the reply of a query. */
export async function runCommand<C extends DriverCommand>(
  channel: ScpiChannel,
  command: C,
  args: DriverArgs<C>,
  options?: QueryOptions,
): Promise<DriverResult<C>> {
  const line = commandLine(command, ...args)
  const reply = command.reply
  if (!reply) {
    await channel.command(line, options)
    return undefined as DriverResult<C>
  }
  return parseReply(channel, line, await channel.query(line, options), (text) => reply.parse(text)) as DriverResult<C>
}

/** The methods of a driver table, bound to one instrument's channel. */
export function bindCommands<T extends DriverCommandTable>(channel: ScpiChannel, table: T): DriverMethods<T> {
  const methods = Object.entries(table).map(([name, command]) => [
    name,
    (...args: DriverArgs<typeof command>) => runCommand(channel, command, args),
  ])
  return Object.fromEntries(methods) as DriverMethods<T>
}

/** A row's arguments after the first. */
type RestArgs<C> = DriverArgs<C> extends [unknown, ...infer R] ? R : never

/** The methods of a table whose rows all take the same first argument, with that argument given. */
export type MethodsWithFirst<T> = { [K in keyof T]: (...args: RestArgs<T[K]>) => Promise<DriverResult<T[K]>> }

/**
 * The methods of a table bound to one channel and one value of every row's first param: the rows of a
 * multi-channel instrument bound to one of its channels (`CURR {amps},{channel}` → `setCurrent(amps)`).
 */
export function bindCommandsWith<T extends DriverCommandTable>(
  channel: ScpiChannel,
  table: T,
  first: unknown,
): MethodsWithFirst<T> {
  const methods = Object.entries(table).map(([name, command]) => [
    name,
    (...rest: unknown[]) => runCommand(channel, command, [first, ...rest] as unknown as DriverArgs<typeof command>),
  ])
  return Object.fromEntries(methods) as MethodsWithFirst<T>
}

/** One query of a compound line: its text and how its part of the reply is parsed. */
export interface PartOfLine<T> {
  readonly line: string
  readonly reply: DriverReply<T>
}

/** A query row with its arguments, to be sent with others in one line by {@link queryJoined}. */
export function queryOf<C extends DriverCommand & { readonly reply: DriverReply<unknown> }>(
  command: C,
  ...args: DriverArgs<C>
): PartOfLine<DriverResult<C>> {
  return { line: commandLine(command, ...args), reply: command.reply as DriverReply<DriverResult<C>> }
}

/** The values of a compound line's answers, in the order of its queries. */
type Answers<Q> = { -readonly [K in keyof Q]: Q[K] extends PartOfLine<infer T> ? T : never }

/**
 * Sends several queries in one line joined by `;` and parses each answer: the instrument answers them joined by
 * `;`, in order (docs/scpi.md#output). For replies that hold no `;` themselves (numbers).
 */
export async function queryJoined<const Q extends readonly PartOfLine<unknown>[]>(
  channel: ScpiChannel,
  queries: Q,
  options?: QueryOptions,
): Promise<Answers<Q>> {
  const line = queries.map((query) => query.line).join(';')
  const values = parseReply(channel, line, await channel.query(line, options), (text) => {
    const parts = text.split(';')
    if (parts.length !== queries.length) throw new RangeError(`${parts.length} answers to ${queries.length} queries`)
    return queries.map((query, i) => query.reply.parse(parts[i]!))
  })
  return values as Answers<Q>
}

/**
 * Sends the commands for the settings that are given as one line, each from the root (`;:`), in the order of
 * `lines`; sends nothing when none is given. `lines` spells each setting's command.
 */
export async function sendSettings<S extends object>(
  channel: ScpiChannel,
  settings: S,
  lines: { readonly [K in keyof S]-?: (value: Exclude<S[K], undefined>) => string },
): Promise<void> {
  const given = Object.entries(lines) as Array<[keyof S, (value: unknown) => string]>
  const parts = given.filter(([key]) => settings[key] !== undefined).map(([key, line]) => line(settings[key]))
  if (parts.length > 0) await channel.command(parts.join(';:'))
}
