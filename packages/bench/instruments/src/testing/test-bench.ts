import {
  type BenchModel,
  createBenchModel,
  createSimClock,
  DEFAULT_DUT_PARAMS,
  DEFAULT_PHYSICS_PARAMS,
  type SimClock,
} from '@dvt/physics'
import type { FaultTarget, InstrumentRole, SimSpeed } from '@dvt/protocol'
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

/** A bench on the default config (noise off unless asked), its clock in `max` mode by default. */
export function createTestBench(options: { noise?: boolean; speed?: SimSpeed; seed?: number } = {}): TestBench {
  const physics = { ...DEFAULT_PHYSICS_PARAMS, noise: options.noise ?? false, seed: options.seed ?? 1 }
  const model = createBenchModel({ physics, dut: DEFAULT_DUT_PARAMS })
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
