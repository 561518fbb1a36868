import { hostname } from 'node:os'
import { type DvtConfig, simulatorPorts } from '@dvt/config'
import type { BenchAddresses, TransportTarget } from '@dvt/drivers'
import { INSTRUMENTS, type InstrumentRole, MEASURING_ROLES } from '@dvt/protocol'
import { parseResource } from '@dvt/transports'
import { FrameworkError } from './framework-error'

/** The part of the configuration that says where the instruments are. */
export type InstrumentsConfig = Pick<DvtConfig, 'instruments'>

/**
 * Where each instrument of the configured bench listens: the simulator's ports on one host, or the parsed
 * `TCPIP::host::port::SOCKET` resources. An instrument without an address (no VISA resource set; simulation
 * control on real hardware) is absent from `targets`, and `require` names the setting that would give it one.
 */
export function benchAddresses(config: InstrumentsConfig): BenchAddresses {
  const i = config.instruments
  const target = (role: InstrumentRole, address: { host: string; port: number }): TransportTarget => ({
    role,
    name: INSTRUMENTS[role].label,
    ...address,
    timeoutMs: i.timeout_ms,
  })
  const targets: Partial<Record<InstrumentRole, TransportTarget>> = {}
  if (i.backend === 'simulator') {
    const ports = simulatorPorts(i.simulator)
    for (const role of Object.keys(INSTRUMENTS) as InstrumentRole[]) {
      targets[role] = target(role, { host: i.simulator.host, port: ports[role] })
    }
  } else {
    for (const role of MEASURING_ROLES) {
      const resource = i.visa[role]
      if (resource) targets[role] = target(role, parseResource(resource))
    }
  }
  // The switch/measure unit is optional on real hardware: a bench without one keeps the key it had.
  const named = MEASURING_ROLES.filter((role) => role !== 'mux' || i.visa.mux !== null)
  const key =
    i.backend === 'simulator'
      ? `simulator@${benchHost(i.simulator.host)}:${simulatorPorts(i.simulator).control}`
      : `visa@${named.map((role) => i.visa[role]).join(',')}`
  return {
    backend: i.backend,
    key,
    targets,
    require(role) {
      const found = targets[role]
      if (found) return found
      throw new FrameworkError('FRAMEWORK_BAD_CONFIG', missingAddress(role))
    },
  }
}

/**
 * The host part of a simulator's lock key. In a lab's shared database the key must name one bench: a loopback address
 * is a different bench on every computer, so it is qualified with this host's name; any other address is the same
 * bench from every host, so two hosts driving it share one lock.
 */
function benchHost(host: string): string {
  const loopback = host === 'localhost' || host === '::1' || host.startsWith('127.')
  return loopback ? `${hostname()}/${host}` : host
}

function missingAddress(role: InstrumentRole): string {
  if (role === 'control') return 'the simulation control port exists only with instruments.backend: simulator'
  return `instruments.visa.${role} is not set — give the ${INSTRUMENTS[role].label}'s resource string, e.g. TCPIP::192.168.1.10::5025::SOCKET`
}
