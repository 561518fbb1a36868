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
