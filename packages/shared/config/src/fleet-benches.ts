import { type BenchPort, benchPorts } from '@dvt/protocol'
import type { DvtConfig } from './schema'
import { simulatorAt, simulatorPorts } from './simulator-ports'
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

/** Whether `bench` is the one `config.instruments.simulator` points at (same host, same control port). */
export function isOwnBench(config: Pick<DvtConfig, 'instruments'>, bench: FleetBench): boolean {
  const { simulator } = config.instruments
  return bench.host === simulator.host && bench.ports.control === simulatorPorts(simulator).control
}

/**
 * The configuration of a run on `bench` of the fleet: `config` with the simulator backend at that bench's host and
 * ports, and the bench's name as the station (a fleet bench's name is its station's, docs/lab.md).
 */
export function benchConfig(config: DvtConfig, bench: FleetBench): DvtConfig {
  return { ...simulatorAt(config, bench.host, bench.ports), station: { name: bench.name } }
}
