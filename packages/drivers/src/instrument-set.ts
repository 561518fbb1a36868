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

const NAMES = {
  chamber: 'chamber',
  supply: 'power supply',
  dmm: 'multimeter',
  load: 'electronic load',
  sim: 'simulation control',
} as const
type Role = keyof typeof NAMES
type Targets = Record<Exclude<Role, 'sim'>, TransportTarget> & { sim?: TransportTarget }

function simulatorTargets(config: DvtConfig['instruments']): Targets {
  const s = config.simulator
  const at = (role: Role, port: number) => ({ name: NAMES[role], host: s.host, port, timeoutMs: config.timeout_ms })
  return {
    chamber: at('chamber', s.chamber_port),
    supply: at('supply', s.supply_port),
    dmm: at('dmm', s.dmm_port),
    load: at('load', s.load_port),
    sim: at('sim', s.control_port),
  }
}

function visaTargets(config: DvtConfig['instruments']): Targets {
  const at = (role: Exclude<Role, 'sim'>): TransportTarget => {
    const resource = config.visa[role]
    if (!resource) {
      throw new InstrumentError(
        'DRIVER_BAD_CONFIG',
        `instruments.visa.${role} is not set — give the ${NAMES[role]}'s resource string, e.g. TCPIP::192.168.1.10::5025::SOCKET`,
        { instrument: NAMES[role] },
      )
    }
    return { name: NAMES[role], ...parseResource(resource), timeoutMs: config.timeout_ms }
  }
  return { chamber: at('chamber'), supply: at('supply'), dmm: at('dmm'), load: at('load') }
}

/**
 * Builds the drivers for `instruments.backend`: the simulator's ports on one host, or one VISA-style
 * resource string per instrument. Connections open lazily on first use.
 */
export function createInstrumentSet(config: InstrumentsConfig, options: InstrumentSetOptions = {}): InstrumentSet {
  // A test must not miss a dropped instrument: the call after a drop fails (then the next one reconnects).
  const open = options.openTransport ?? ((t: TransportTarget) => createTcpTransport({ ...t, reportDrops: true }))
  const simulator = config.instruments.backend === 'simulator'
  const targets = simulator ? simulatorTargets(config.instruments) : visaTargets(config.instruments)
  const chamber = createChamber(open(targets.chamber), targets.chamber.name)
  const supply = createPowerSupply(open(targets.supply), targets.supply.name)
  const dmm = createMultimeter(open(targets.dmm), targets.dmm.name)
  const load = createElectronicLoad(open(targets.load), targets.load.name)
  const simTarget = targets.sim
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
