import type { DvtConfig } from '@dvt/config'
import type { SimServer } from './sim-server'

/**
 * The config a client of this server should use: the simulator ports it actually bound (port 0 in the config means
 * "any free port"). Handed to the dashboard by `dvt serve`, and to tests that start a server on free ports.
 */
export function withBoundPorts(config: DvtConfig, sim: Pick<SimServer, 'instruments' | 'telemetryPort'>): DvtConfig {
  const simulator = { ...config.instruments.simulator, telemetry_port: sim.telemetryPort }
  for (const { name, port } of sim.instruments) simulator[`${name}_port`] = port
  return { ...config, instruments: { ...config.instruments, simulator } }
}
