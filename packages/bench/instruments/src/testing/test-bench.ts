import {
  type BenchModel,
  createBenchModel,
  createSimClock,
  DEFAULT_DUT_PARAMS,
  DEFAULT_PHYSICS_PARAMS,
  type LotParams,
  type SimClock,
} from '@dvt/physics'
import type { FaultTarget, InstrumentRole, SimSpeed } from '@dvt/protocol'
import { expect } from 'vitest'
import type { FaultHooks } from '../simulation-control'
import { createVirtualBench, type VirtualBench } from '../virtual-bench'

/** One client of a test bench: send lines, drain the error queue. */
export interface TestClient {
  ask(line: string): Promise<string | null>
  /** `SYSTem:ERRor?` until `+0,…`: the codes that were queued, oldest first. */
  errors(): Promise<number[]>
}

export interface TestBench {
  model: BenchModel
  clock: SimClock
  bench: VirtualBench
  faultCalls: (readonly [FaultTarget, number] | 'clear' | 'advanced')[]
  client(name: InstrumentRole): TestClient
}

/** Options of {@link createTestBench}. */
export interface TestBenchOptions {
  noise?: boolean
  speed?: SimSpeed
  seed?: number
  /** Sockets on the board (default 1). */
  sockets?: number
  lot?: LotParams
}

/** A bench on the default config (noise off unless asked), its clock in `max` mode by default. */
export function createTestBench(options: TestBenchOptions = {}): TestBench {
  const physics = { ...DEFAULT_PHYSICS_PARAMS, noise: options.noise ?? false, seed: options.seed ?? 1 }
  const model = createBenchModel({
    physics,
    dut: { ...DEFAULT_DUT_PARAMS, lot: options.lot ?? null },
    bench: { sockets: options.sockets ?? 1 },
  })
  const clock = createSimClock(model, { speed: options.speed ?? 'max' })
  const faultCalls: TestBench['faultCalls'] = []
  const faults: FaultHooks = {
    disconnect: (target, seconds) => faultCalls.push([target, seconds]),
    clear: () => faultCalls.push('clear'),
    timeAdvanced: () => faultCalls.push('advanced'),
  }
  const bench = createVirtualBench({ model, clock, faults, version: '9.8.7' })
  return {
    model,
    clock,
    bench,
    faultCalls,
    client(name) {
      const session = bench[name].openSession()
      const ask = async (line: string) => await session.handle(line)
      return {
        ask,
        async errors() {
          const codes: number[] = []
          for (let i = 0; i < 25; i++) {
            const code = Number.parseInt((await ask('SYST:ERR?')) ?? '', 10)
            if (code === 0) break
            codes.push(code)
          }
          return codes
        },
      }
    },
  }
}

/** Parses an NR3/NR2 response (or a comma-separated list of them). */
export function numbers(response: string | null): number[] {
  if (response === null) throw new Error('expected a response, got none')
  return response.split(',').map((s) => {
    const value = Number(s)
    if (Number.isNaN(value)) throw new Error(`not a number: ${s}`)
    return value
  })
}

export function num(response: string | null): number {
  const [value] = numbers(response)
  return value as number
}

/** One exchange with an instrument: the line sent and the answer expected (`null`: it answers nothing). */
export type Exchange = readonly [line: string, answer: string | null]

/** Sends each line as its own message, in order, and expects each answer. */
export async function expectTranscript(client: TestClient, exchanges: readonly Exchange[]): Promise<void> {
  for (const [line, answer] of exchanges) expect(await client.ask(line), line).toBe(answer)
}

/**
 * Sends each line as its own message, in order, and expects each to be refused: no answer, and then exactly
 * these error codes in the queue, oldest first.
 */
export async function expectRefused(
  client: TestClient,
  refusals: readonly (readonly [line: string, code: number])[],
): Promise<void> {
  for (const [line] of refusals) expect(await client.ask(line), line).toBeNull()
  expect(await client.errors()).toEqual(refusals.map(([, code]) => code))
}

/**
 * Asks `query` `count` times at once and expects noisy readings: each within `tolerance` of `center`, and
 * more than `distinct` different values among them.
 */
export async function expectNoisy(
  client: TestClient,
  query: string,
  expected: { count: number; center: number; tolerance: number; distinct: number },
): Promise<void> {
  const readings = (await Promise.all(Array.from({ length: expected.count }, () => client.ask(query)))).map(num)
  expect(new Set(readings).size).toBeGreaterThan(expected.distinct)
  for (const value of readings) expect(Math.abs(value - expected.center)).toBeLessThan(expected.tolerance)
}
