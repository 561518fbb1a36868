import { loadConfig } from '@dvt/config'
import { createInstrumentSet, type TransportTarget } from '@dvt/drivers'
import { createVirtualBench } from '@dvt/instruments'
import { createBenchModel, createSimClock } from '@dvt/physics'
import { INSTRUMENT_ROLES, INSTRUMENTS, type InstrumentRole } from '@dvt/protocol'
import {
  createScpiTcpServer,
  createTcpTransport,
  type LineDevice,
  type ScpiTcpServer,
  type Transport,
} from '@dvt/transports'
import { benchAddresses } from '../bench-addresses'
import { createSimulatedClock } from '../clock'
import { defaultRegistry } from '../default-registry'
import { createRunner, type RunnerOptions } from '../runner'

/**
 * One run of each library test, short enough to keep its lines readable: the runs whose lines
 * `library-lines.json` holds as the one-DUT bench sent them.
 */
export const LIBRARY_RUNS: ReadonlyArray<readonly [test: string, params: Record<string, unknown>]> = [
  ['tempco', { points_c: [25, 50] }],
  ['load_regulation', { loads_a: [0, 0.2] }],
  ['line_regulation', { vins_v: [4.5, 5.5] }],
  ['dropout', { vin_start_v: 3.5, cold_c: 0, hot_c: 50 }],
  ['iq_vs_temp', { points_c: [25, 50], iq_samples: 150 }],
]

const roleOf = (target: TransportTarget): InstrumentRole =>
  INSTRUMENT_ROLES.find((role) => INSTRUMENTS[role].label === target.name) ?? ('?' as InstrumentRole)

/** A transport that notes every line it sends as `<role> <line>`. */
function recording(target: TransportTarget, lines: string[]): Transport {
  const transport = createTcpTransport({ ...target, reportDrops: true })
  const role = roleOf(target)
  return {
    resource: transport.resource,
    write: (line) => {
      lines.push(`${role} ${line}`)
      return transport.write(line)
    },
    query: (line, options) => {
      lines.push(`${role} ${line}`)
      return transport.query(line, options)
    },
    close: () => transport.close(),
  }
}

export interface RecordOptions {
  /** `DVT__…` settings of the bench, e.g. `DVT__BENCH__SOCKETS: '8'`. */
  env?: Record<string, string>
  /** More options for the runner, made from the bench's configuration (a newer executive's `board`). */
  runner?: (config: ReturnType<typeof loadConfig>) => Partial<RunnerOptions>
}

/**
 * Runs `test` with `params` on a fresh virtual bench (instrument noise off, lockstep) and returns every line the
 * executive sent, in order, as `<role> <line>`. Uses only what every version of the executive has, so the lines of
 * an older tree can be recorded with the same function (`one-dut-lines.json` was recorded so, from the tree before
 * the bench had sockets).
 */
export async function recordRunLines(
  test: string,
  params: Record<string, unknown>,
  options: RecordOptions = {},
): Promise<string[]> {
  const config = loadConfig({ path: '/dev/null', env: { DVT__PHYSICS__NOISE: 'false', ...options.env } })
  const model = createBenchModel(config as unknown as Parameters<typeof createBenchModel>[0])
  const clock = createSimClock(model, { speed: 'max' })
  const bench = createVirtualBench({ model, clock }) as unknown as Record<string, LineDevice>
  const servers: ScpiTcpServer[] = []
  const ports: Record<string, number> = {}
  for (const role of INSTRUMENT_ROLES) {
    const server = await createScpiTcpServer({ name: role, port: 0, device: bench[role]! })
    servers.push(server)
    ports[`${role}_port`] = server.port
  }
  const simulator = { ...config.instruments.simulator, ...ports }
  const lines: string[] = []
  const instruments = createInstrumentSet(benchAddresses({ instruments: { ...config.instruments, simulator } }), {
    openTransport: (target) => recording(target, lines),
  })
  try {
    const runner = createRunner({
      instruments,
      clock: createSimulatedClock(instruments.control!),
      registry: defaultRegistry,
      softwareVersion: 'recording',
      ...options.runner?.(config),
    })
    const state = await runner.run(test, params)
    if (state.status !== 'passed') throw new Error(`${test} ended ${state.status}: ${state.statusReason}`)
    return lines
  } finally {
    await instruments.close()
    await Promise.all(servers.map((server) => server.close()))
  }
}
