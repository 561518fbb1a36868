import { DVT_VERSION, type DvtConfig, simulatorPorts, stationName } from '@dvt/config'
import { createVirtualBench, type FaultHooks, formatIdentity, type VirtualBench } from '@dvt/instruments'
import { type BenchModel, createBenchModel, createSimClock, type SimClock } from '@dvt/physics'
import {
  type BenchPort,
  FAULT_TARGETS,
  type FaultTarget,
  INSTRUMENT_ROLES,
  INSTRUMENTS,
  type InstrumentRole,
  type SimSpeed,
} from '@dvt/protocol'
import { createScpiTcpServer, type ScpiTcpServer, TransportError } from '@dvt/transports'
import { createFaultInjector, type FaultInjector } from './fault-injector'
import { SimServerError } from './sim-server-error'
import { createTelemetryServer, type TelemetryServer } from './telemetry-server'

/** Options of {@link startSimServer}. */
export interface SimServerOptions {
  config: DvtConfig
  /** Interface every listener binds; default `config.instruments.simulator.host`. */
  host?: string
  /** Overrides `config.simulation.speed`. */
  speed?: SimSpeed
  /** Overrides the configured ports (`simulatorPorts`: base + offset, or `*_port`; 0 = any free port). */
  ports?: Partial<Record<BenchPort, number>>
  /** Firmware field of the control port's `*IDN?`; default the DVT Bench release. */
  version?: string
  /** Wall interval of the one timer that drives the sim clock, ms (default 10). */
  tickMs?: number
}

/** One SCPI port as it is listening. */
export interface SimServerInstrument {
  name: InstrumentRole
  port: number
  idn: string
}

/** A running simulation server. */
export interface SimServer {
  readonly host: string
  readonly instruments: readonly SimServerInstrument[]
  readonly telemetryPort: number
  /** Telemetry snapshots per second of wall time. */
  readonly telemetryHz: number
  readonly clock: SimClock
  readonly model: BenchModel
  readonly bench: VirtualBench
  /** Closes every listener and client and stops the timer. Idempotent. */
  close(): Promise<void>
}

/** What a port is called in messages (`cannot open the thermal chamber port …`). */
function portTitle(port: BenchPort): string {
  return port === 'telemetry' ? 'telemetry stream' : INSTRUMENTS[port].title
}

/** Where a port comes from in the config, for the "port in use" sentence. */
export function portConfigKey(name: BenchPort): string {
  return `instruments.simulator.${name}_port`
}

/**
 * Hosts the physics model, its clock (driven by one wall timer), the six SCPI instrument ports and the
 * telemetry stream.
 *
 * @throws SimServerError `SIM_SERVER_PORT_IN_USE` naming the port and the config key to change.
 */
export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const { config } = options
  const host = options.host ?? config.instruments.simulator.host
  const model = createBenchModel({ physics: config.physics, dut: config.dut, bench: config.bench })
  const clock = createSimClock(model, { speed: options.speed ?? config.simulation.speed })
  let injector: FaultInjector | undefined
  const faults: FaultHooks = {
    disconnect: (target, seconds) => injector?.disconnect(target, seconds),
    clear: () => injector?.clear(),
    timeAdvanced: () => injector?.poll(),
  }
  const bench = createVirtualBench({
    model,
    clock,
    faults,
    version: options.version ?? DVT_VERSION,
    station: stationName(config),
  })
  const { servers, telemetry } = await openPorts(options, host, bench, clock)
  const targets = Object.fromEntries(
    FAULT_TARGETS.map((target) => [target, servers[INSTRUMENT_ROLES.indexOf(target)]!]),
  ) as Record<FaultTarget, ScpiTcpServer>
  injector = createFaultInjector(targets, () => model.time)
  const stopTimer = startClockTimer(clock, injector, options.tickMs ?? 10)
  let closing: Promise<void> | undefined
  return {
    host,
    instruments: INSTRUMENT_ROLES.map((name, i) => ({
      name,
      port: servers[i]?.port ?? 0,
      idn: formatIdentity(bench.identities[name]),
    })),
    telemetryPort: telemetry.port,
    telemetryHz: config.simulation.telemetry_hz,
    clock,
    model,
    bench,
    close() {
      closing ??= (async () => {
        stopTimer()
        await Promise.all([...servers.map((s) => s.close()), telemetry.close()])
      })()
      return closing
    },
  }
}

/** Listens on the SCPI ports and the telemetry port; on a failure closes what was opened and throws. */
async function openPorts(
  options: SimServerOptions,
  host: string,
  bench: VirtualBench,
  clock: SimClock,
): Promise<{ servers: ScpiTcpServer[]; telemetry: TelemetryServer }> {
  const { config } = options
  const configured = simulatorPorts(config.instruments.simulator)
  const portOf = (name: BenchPort) => options.ports?.[name] ?? configured[name]
  const servers: ScpiTcpServer[] = []
  try {
    for (const name of INSTRUMENT_ROLES) {
      const server = await listenOrExplain(name, portOf(name), () =>
        createScpiTcpServer({
          name: portTitle(name),
          host,
          port: portOf(name),
          device: bench[name],
          maxClients: config.simulation.max_clients_per_instrument,
        }),
      )
      servers.push(server)
    }
    const telemetry = await listenOrExplain('telemetry', portOf('telemetry'), () =>
      createTelemetryServer({
        host,
        port: portOf('telemetry'),
        hz: config.simulation.telemetry_hz,
        snapshot: () => clock.snapshot(),
      }),
    )
    return { servers, telemetry }
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()))
    throw error
  }
}

/** One wall timer drives the clock: k × elapsed wall time per tick; in `max` mode it only ends faults. */
function startClockTimer(clock: SimClock, faults: FaultInjector, tickMs: number): () => void {
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    const elapsed = (now - last) / 1000
    last = now
    if (clock.speed !== 'max' && !clock.paused) clock.tick(elapsed)
    faults.poll()
  }, tickMs)
  return () => clearInterval(timer)
}

async function listenOrExplain<T>(name: BenchPort, port: number, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen()
  } catch (error) {
    if (isPortInUse(error)) {
      throw new SimServerError(
        'SIM_SERVER_PORT_IN_USE',
        `port ${port} is already in use — stop the other program or set ${portConfigKey(name)}`,
        { cause: error },
      )
    }
    const reason = error instanceof Error ? error.message : String(error)
    throw new SimServerError('SIM_SERVER_LISTEN_FAILED', `cannot open the ${portTitle(name)} port ${port}: ${reason}`, {
      cause: error,
    })
  }
}

function isPortInUse(error: unknown): boolean {
  if (error instanceof TransportError) return error.code === 'TRANSPORT_PORT_IN_USE'
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE'
}
