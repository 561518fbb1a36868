import { type BenchPort, benchPorts } from '@dvt/protocol'
import type { DvtConfig } from './schema'
import { simulatorPorts } from './simulator-ports'
import { stationName } from './station'

/** A bench the dashboard shows: its station name, where its `dvt serve` listens, and each listener's port. */
export interface FleetBench {
  /** The station name its runs are stored with (`station.name` of that bench). */
  name: string
  host: string
  ports: Readonly<Record<BenchPort, number>>
}

/**
 * The benches of the dashboard (docs/lab.md#the-fleet-dashboard), in the configured order: `dashboard.benches`, or,
 * when that is null, the local bench alone — named `station.name`, at `instruments.simulator` (its host and
 * `simulatorPorts`, so ports bound by `dvt serve` or set one by one count).
 */
export function fleetBenches(config: Pick<DvtConfig, 'dashboard' | 'instruments' | 'station'>): FleetBench[] {
  const { benches } = config.dashboard
  if (benches === null) {
    const { simulator } = config.instruments
    return [{ name: stationName(config), host: simulator.host, ports: simulatorPorts(simulator) }]
  }
  return benches.map((bench) => ({
    name: bench.name,
    host: bench.host,
    ports: { ...benchPorts(bench.port_base), ...bench.ports },
  }))
}
