import { InstrumentError } from './instrument-error'

/** How one argument of a driver method is written into its command line (see `p` in params.ts). */
export interface DriverParam<T> {
  /** The placeholder it fills in the row's template: `volts` fills `{volts}`. */
  readonly name: string
  /** The value as SCPI text: `5`, `ON`, `(@1)`. Throws a RangeError for a value no instrument could take. */
  format(value: T): string
}

/** How a query's response becomes a value (see `r` in replies.ts). Throws for a response it cannot use. */
export interface DriverReply<T> {
  parse(text: string): T
}

/**
 * One row of a driver table: one method of the driver. The row's key is the method's name, its params are the
 * method's arguments in order, and its reply (if any) is what the method resolves to.
 */
export interface DriverCommand {
  /** The line to send, with a `{name}` placeholder per param: `VOLT {volts},{channel}`, `SETP?`. */
  readonly scpi: string
  /** The method's arguments, in order. */
  readonly params?: readonly DriverParam<unknown>[]
  /** Parses the response of a query. A row without one is a command: the instrument answers nothing. */
  readonly reply?: DriverReply<unknown>
  /** The unit of the quantity the row sets or reads (`V`, `°C/min`), for readers and displays; never sent. */
  readonly unit?: string
}

/** A driver's rows by method name. */
export type DriverCommandTable = Readonly<Record<string, DriverCommand>>

/** The arguments a row takes, in order: `[SupplyChannel, number]` for `VOLT {volts},{channel}`. */
export type DriverArgs<C> = C extends { readonly params: infer P extends readonly unknown[] }
  ? { -readonly [K in keyof P]: P[K] extends DriverParam<infer T> ? T : never }
  : []

/** What a row's method resolves to: its reply's value, nothing for a command. */
// biome-ignore lint/suspicious/noConfusingVoidType: a command's method is a Promise<void>, as a hand-written one would be
export type DriverResult<C> = C extends { readonly reply: DriverReply<infer R> } ? R : void

/** The methods a table generates: one per row, `(...args) => Promise<result>`, documented by the row. */
export type DriverMethods<T> = { [K in keyof T]: (...args: DriverArgs<T[K]>) => Promise<DriverResult<T[K]>> }

const PLACEHOLDER = /\{(\w+)\}/g

/**
 * Declares a driver's commands as data, one row per method. Checks at load time that every `{name}` of a template
 * has a param and every param a placeholder, and freezes the table.
 * ```ts
 * export const loadCommands = defineDriverCommands({
 *   setCurrent: { scpi: 'CURR {amps}', params: [p.number('amps')], unit: 'A' },
 *   measureVoltage: { scpi: 'MEAS:VOLT?', reply: r.number(), unit: 'V' },
 * })
 * ```
 */
export function defineDriverCommands<const T extends DriverCommandTable>(table: T): T {
  for (const [method, command] of Object.entries(table)) {
    const problems = placeholderProblems(command)
    if (problems.length > 0) {
      throw new InstrumentError('DRIVER_INVALID_TABLE', `the row ${method} ("${command.scpi}"): ${problems.join('; ')}`)
    }
    Object.freeze(command)
  }
  return Object.freeze(table)
}

function placeholderProblems(command: DriverCommand): string[] {
  const names = (command.params ?? []).map((param) => param.name)
  const placeholders = [...command.scpi.matchAll(PLACEHOLDER)].map((match) => match[1]!)
  return [
    ...placeholders.filter((name) => !names.includes(name)).map((name) => `no param for {${name}}`),
    ...names.filter((name) => !placeholders.includes(name)).map((name) => `no {${name}} for the param ${name}`),
    ...names.filter((name, i) => names.indexOf(name) !== i).map((name) => `two params are called ${name}`),
  ]
}

/**
 * The line a row sends for these arguments, without the drivers' error check:
 * `commandLine(chamberCommands.setSetpoint, 85)` → `SETP 85`,
 * `commandLine(supplyCommands.setOutput, 1, true)` → `OUTP ON,(@1)`.
 */
export function commandLine<C extends DriverCommand>(command: C, ...args: DriverArgs<C>): string {
  const params: readonly DriverParam<unknown>[] = command.params ?? []
  return command.scpi.replace(PLACEHOLDER, (_, name: string) => {
    const i = params.findIndex((param) => param.name === name)
    return params[i]!.format(args[i])
  })
}
