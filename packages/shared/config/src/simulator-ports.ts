import { BENCH_PORTS, type BenchPort, portOffset } from '@dvt/protocol'
import type { DvtConfig } from './schema'

/** The `instruments.simulator` section: host, port base and the per-listener overrides. */
export type SimulatorSettings = DvtConfig['instruments']['simulator']

/**
 * Where each listener of the configured simulator is (docs/scpi.md#ports): its `<name>_port` override where one is
 * set, otherwise `port_base` + its offset; a port base of 0 puts every listener without an override on any free port.
 * The one resolver of the simulator's ports: `dvt serve`, the clients and the dashboard all use it.
 */
export function simulatorPorts(simulator: SimulatorSettings): Record<BenchPort, number> {
  const fallback = (name: BenchPort) => (simulator.port_base === 0 ? 0 : simulator.port_base + portOffset(name))
  return Object.fromEntries(BENCH_PORTS.map((name) => [name, simulator[`${name}_port`] ?? fallback(name)])) as Record<
    BenchPort,
    number
  >
}

/**
 * `config` pointed at a simulator-protocol bench elsewhere — a bench of the fleet, a replay: the simulator backend at
 * `host`, each listener in `ports` at its port (the others as configured).
 */
export function simulatorAt(
  config: DvtConfig,
  host: string,
  ports: Readonly<Partial<Record<BenchPort, number>>>,
): DvtConfig {
  const simulator = { ...config.instruments.simulator, host }
  for (const name of BENCH_PORTS) {
    const port = ports[name]
    if (port !== undefined) simulator[`${name}_port`] = port
  }
  return { ...config, instruments: { ...config.instruments, backend: 'simulator', simulator } }
}
