import type { DvtConfig } from '@dvt/config'
import { createTcpTransport, parseResource, type Transport } from '@dvt/transports'
import { type Chamber, createChamber } from './chamber'
import { createElectronicLoad, type ElectronicLoad } from './electronic-load'
import type { Instrument } from './instrument'
import { InstrumentError } from './instrument-error'
import { createMultimeter, type Multimeter } from './multimeter'
import { createPowerSupply, type PowerSupply } from './power-supply'
import { createSimulationControl, type SimulationControl } from './simulation-control'

/** Where one instrument lives. */
export interface TransportTarget {
  /** Human name used in messages (`multimeter`). */
  name: string
  host: string
  port: number
  timeoutMs: number
}

export interface InstrumentSetOptions {
  /** Opens a transport to one instrument; TCP by default (`createTcpTransport`). */
  openTransport?: (target: TransportTarget) => Transport
}

/** The bench a test is handed: one driver per instrument, plus simulation control on the simulator. */
export interface InstrumentSet {
  readonly backend: 'simulator' | 'visa'
  /**
   * Names the physical (or simulated) bench, for the bench lock: `simulator@host:control_port` or
   * `visa@<chamber>,<supply>,<dmm>,<load>`. Two processes on the same bench get the same key.
   */
  readonly benchKey: string
  readonly chamber: Chamber
  readonly supply: PowerSupply
  readonly dmm: Multimeter
  readonly load: ElectronicLoad
  /** Only with `instruments.backend: simulator`. */
  readonly sim?: SimulationControl
  /** Checks that every instrument answers `*IDN?`; returns the identities, or throws one sentence. */
  probe(): Promise<Record<string, string>>
  /** Closes every connection (errors ignored: closing is best effort). */
  close(): Promise<void>
}

type InstrumentsConfig = Pick<DvtConfig, 'instruments'>

/** The instruments of a bench, by the short name the CLI and the dashboard use. */
export type InstrumentRole = 'chamber' | 'supply' | 'dmm' | 'load' | 'sim'

/** What each instrument is called in messages (`cannot reach the multimeter at …`). */
export const INSTRUMENT_LABELS: Readonly<Record<InstrumentRole, string>> = {
  chamber: 'chamber',
  supply: 'power supply',
  dmm: 'multimeter',
  load: 'electronic load',
  sim: 'simulation control',
}

/**
 * Where each instrument of the configured bench listens: the simulator's ports on one host, or the parsed
 * `TCPIP::host::port::SOCKET` resources. An instrument without an address (no VISA resource set; simulation
 * control on real hardware) is absent.
 */
export function instrumentTargets(config: InstrumentsConfig): Partial<Record<InstrumentRole, TransportTarget>> {
  const i = config.instruments
  const target = (role: InstrumentRole, address: { host: string; port: number }): TransportTarget => ({
    name: INSTRUMENT_LABELS[role],
    ...address,
    timeoutMs: i.timeout_ms,
  })
  if (i.backend === 'simulator') {
    const s = i.simulator
    const at = (role: InstrumentRole, port: number) => target(role, { host: s.host, port })
    return {
      chamber: at('chamber', s.chamber_port),
      supply: at('supply', s.supply_port),
      dmm: at('dmm', s.dmm_port),
      load: at('load', s.load_port),
      sim: at('sim', s.control_port),
    }
  }
  const targets: Partial<Record<InstrumentRole, TransportTarget>> = {}
  for (const role of ['chamber', 'supply', 'dmm', 'load'] as const) {
    const resource = i.visa[role]
    if (resource) targets[role] = target(role, parseResource(resource))
  }
  return targets
}

/** The target of one instrument, or one sentence saying which setting gives it its address. */
export function requireTarget(config: InstrumentsConfig, role: InstrumentRole): TransportTarget {
  const found = instrumentTargets(config)[role]
  if (found) return found
  const message =
    role === 'sim'
      ? 'the simulation control port exists only with instruments.backend: simulator'
      : `instruments.visa.${role} is not set — give the ${INSTRUMENT_LABELS[role]}'s resource string, e.g. TCPIP::192.168.1.10::5025::SOCKET`
  throw new InstrumentError('DRIVER_BAD_CONFIG', message, { instrument: INSTRUMENT_LABELS[role] })
}

/**
 * Builds the drivers for `instruments.backend`: the simulator's ports on one host, or one VISA-style
 * resource string per instrument. Connections open lazily on first use.
 */
export function createInstrumentSet(config: InstrumentsConfig, options: InstrumentSetOptions = {}): InstrumentSet {
  // A test must not miss a dropped instrument: the call after a drop fails (then the next one reconnects).
  const open = options.openTransport ?? ((t: TransportTarget) => createTcpTransport({ ...t, reportDrops: true }))
  const simulator = config.instruments.backend === 'simulator'
  const targets = {
    chamber: requireTarget(config, 'chamber'),
    supply: requireTarget(config, 'supply'),
    dmm: requireTarget(config, 'dmm'),
    load: requireTarget(config, 'load'),
  }
  const chamber = createChamber(open(targets.chamber), targets.chamber.name)
  const supply = createPowerSupply(open(targets.supply), targets.supply.name)
  const dmm = createMultimeter(open(targets.dmm), targets.dmm.name)
  const load = createElectronicLoad(open(targets.load), targets.load.name)
  const simTarget = simulator ? requireTarget(config, 'sim') : undefined
  const sim = simTarget ? createSimulationControl(open(simTarget), simTarget.name) : undefined
  const all: Array<[Instrument, TransportTarget]> = [
    [chamber, targets.chamber],
    [supply, targets.supply],
    [dmm, targets.dmm],
    [load, targets.load],
  ]
  if (sim && simTarget) all.unshift([sim, simTarget])
  return {
    backend: simulator ? 'simulator' : 'visa',
    benchKey: benchKeyOf(config.instruments),
    chamber,
    supply,
    dmm,
    load,
    ...(sim ? { sim } : {}),
    probe: () => probe(all, simulator),
    async close() {
      await Promise.allSettled(all.map(([instrument]) => instrument.close()))
    },
  }
}

function benchKeyOf(i: DvtConfig['instruments']): string {
  if (i.backend === 'simulator') return `simulator@${i.simulator.host}:${i.simulator.control_port}`
  return `visa@${[i.visa.chamber, i.visa.supply, i.visa.dmm, i.visa.load].join(',')}`
}

async function probe(all: Array<[Instrument, TransportTarget]>, simulator: boolean): Promise<Record<string, string>> {
  const answers = await Promise.allSettled(all.map(([instrument]) => instrument.identify()))
  const identities: Record<string, string> = {}
  const unreachable: TransportTarget[] = []
  const causes: unknown[] = []
  answers.forEach((answer, i) => {
    const target = all[i]![1]
    if (answer.status === 'fulfilled') identities[target.name] = answer.value
    else {
      unreachable.push(target)
      causes.push(answer.reason)
    }
  })
  if (unreachable.length === 0) return identities
  const where = unreachable.map((t) => `the ${t.name} at ${t.host}:${t.port}`).join(', ')
  const hint = simulator ? 'is "dvt serve" running?' : 'is it switched on and is its resource string right?'
  throw new InstrumentError(
    'DRIVER_UNREACHABLE',
    `cannot reach ${where} — ${hint}`,
    {
      instrument: unreachable[0]!.name,
      command: '*IDN?',
    },
    { cause: causes.length === 1 ? causes[0] : new AggregateError(causes) },
  )
}
