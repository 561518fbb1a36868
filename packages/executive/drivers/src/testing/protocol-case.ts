import type { Transport } from '@dvt/transports'
import { expect } from 'vitest'
import { expectProtocol, type ProtocolStep } from './scripted-transport'

type AnyMethod = (...args: never[]) => Promise<unknown>

/** The names of a driver's methods. */
type MethodName<D> = { [K in keyof D]-?: D[K] extends AnyMethod ? K : never }[keyof D] & string

/** A method's arguments: may be left out when it takes none. */
type CaseArgs<M> = M extends (...args: infer A) => unknown ? ([] extends A ? { args?: A } : { args: A }) : never

/** What a method resolves to. */
type Resolved<M> = M extends (...args: never[]) => Promise<infer R> ? R : never

/**
 * One row of a table-driven protocol test: a driver method call, the exact lines it exchanges (each with the reply
 * scripted for it, see {@link ProtocolStep}), and what the call resolves to (nothing, for a command).
 */
export type ProtocolCase<D> = {
  [K in MethodName<D>]: {
    readonly method: K
    readonly wire: readonly ProtocolStep[]
    readonly result?: Resolved<D[K]>
  } & Readonly<CaseArgs<D[K]>>
}[MethodName<D>]

const shown = (value: unknown) => (typeof value === 'number' ? String(value) : JSON.stringify(value))

/** The cases with their titles for `it.each(…)('%s', …)`: `getSetpoint() → -40`. */
export function titledCases<D>(cases: readonly ProtocolCase<D>[]): Array<[string, ProtocolCase<D>]> {
  return cases.map((c) => {
    const call = `${c.method}(${(c.args ?? []).map(shown).join(', ')})`
    return [c.result === undefined ? call : `${call} → ${shown(c.result)}`, c]
  })
}

/**
 * Makes the case's call on a driver over a scripted transport that expects exactly the case's lines (see
 * {@link expectProtocol}), and expects the call to resolve to the case's result.
 */
export async function expectCase<D>(factory: (transport: Transport) => D, c: ProtocolCase<D>): Promise<void> {
  let result: unknown
  await expectProtocol(factory, c.wire, async (driver) => {
    const method = driver[c.method] as (...args: readonly unknown[]) => Promise<unknown>
    result = await method.apply(driver, c.args ?? [])
  })
  expect(result).toEqual(c.result)
}
