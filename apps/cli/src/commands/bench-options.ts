import { DEFAULT_PORT_BASE } from '@dvt/protocol'
import { Option } from 'commander'

/**
 * `--port-base <n>`, the same on every command that serves or talks to a bench (load-cli-config.ts maps it to
 * instruments.simulator.port_base): several benches on one host, each at its own base.
 */
export function portBaseOption(): Option {
  return new Option(
    '--port-base <n>',
    `the bench's ports: control n, chamber n+1, …, telemetry n+9 (default instruments.simulator.port_base, ${DEFAULT_PORT_BASE})`,
  )
}

/** `--station <name>`: the bench's name, stored with every run it makes (station.name). */
export function stationOption(): Option {
  return new Option(
    '--station <name>',
    'the station name stored with every run (default station.name; unset: the bench names it, else the host name)',
  )
}
