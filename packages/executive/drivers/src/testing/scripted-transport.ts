import type { Transport } from '@dvt/transports'

/** The error-queue entry of an instrument with nothing to report: what `;:SYST:ERR?` appends to every good line. */
export const NO_ERROR = '+0,"No error"'

/** One expected exchange: the exact line sent, and the reply (null: a write with no reply). */
export type ProtocolStep = readonly [sent: string, reply: string | null]

/** A Transport that plays a script and fails on the first line that differs from it. */
export interface ScriptedTransport extends Transport {
  /** Every line sent so far. */
  readonly sent: readonly string[]
  /** Throws if some scripted exchanges were never sent. */
  assertDone(): void
}

/**
 * A scripted fake Transport for protocol tests: the one place a fake is right, because what is
 * under test is the exact bytes a driver sends.
 */
export function createScriptedTransport(
  script: readonly ProtocolStep[],
  resource = 'TCPIP::scripted::0::SOCKET',
): ScriptedTransport {
  const sent: string[] = []
  let next = 0
  function take(line: string, kind: 'write' | 'query'): string | null {
    sent.push(line)
    const step = script[next]
    if (!step) throw new Error(`unexpected ${kind} "${line}" after the script ended`)
    next++
    const [expected, reply] = step
    if (line !== expected) throw new Error(`expected "${expected}" but the driver sent "${line}"`)
    if (kind === 'query' && reply === null) throw new Error(`"${line}" was sent as a query but is scripted as a write`)
    if (kind === 'write' && reply !== null) throw new Error(`"${line}" was sent as a write but is scripted as a query`)
    return reply
  }
  return {
    resource,
    sent,
    async write(line) {
      take(line, 'write')
    },
    async query(line) {
      return take(line, 'query')!
    },
    async close() {},
    assertDone() {
      if (next < script.length) {
        const missing = script.slice(next).map(([line]) => `"${line}"`)
        throw new Error(`the driver never sent ${missing.join(', ')}`)
      }
    },
  }
}

/**
 * Runs `body` against a driver built on a scripted transport and checks the exchange matched the
 * script exactly and completely:
 * ```ts
 * await expectProtocol(createPowerSupply, [['VOLT 5,(@1);:SYST:ERR?', NO_ERROR]],
 *   (psu) => psu.setVoltage(1, 5))
 * ```
 */
export async function expectProtocol<D>(
  factory: (transport: Transport) => D,
  script: readonly ProtocolStep[],
  body: (driver: D) => Promise<void>,
): Promise<void> {
  const transport = createScriptedTransport(script)
  await body(factory(transport))
  transport.assertDone()
}
