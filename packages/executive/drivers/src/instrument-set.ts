import { INSTRUMENTS, type InstrumentRole, MEASURING_ROLES } from '@dvt/protocol'
import { createTcpTransport, type Transport } from '@dvt/transports'
import { type Chamber, createChamber } from './chamber'
import { createElectronicLoad, type ElectronicLoad } from './electronic-load'
import { commonCommands, type Instrument } from './instrument'
import { InstrumentError } from './instrument-error'
import { createMultimeter, type Multimeter } from './multimeter'
import { createPowerSupply, type PowerSupply } from './power-supply'
import { createSimulationControl, type SimulationControl } from './simulation-control'

/** Where one instrument lives. */
export interface TransportTarget {
  /** Which instrument of the bench this is. */
  role: InstrumentRole
  /** Human name used in messages (`multimeter`): the role's label. */
  name: string
  host: string
  port: number
  timeoutMs: number
}

/**
 * Where the instruments of one bench are (made from the configuration by `@dvt/framework`'s `benchAddresses`).
 */
export interface BenchAddresses {
  readonly backend: 'simulator' | 'visa'
  /**
   * Names the physical (or simulated) bench, for the bench lock: `simulator@host:control_port` or
   * `visa@<chamber>,<supply>,<dmm>,<load>`. Two processes on the same bench get the same key.
   */
  readonly key: string
  /** The instruments that have an address (simulation control only on the simulator). */
  readonly targets: Readonly<Partial<Record<InstrumentRole, TransportTarget>>>
  /** One instrument's address, or an error whose sentence names the setting that gives it. */
  require(role: InstrumentRole): TransportTarget
}

export interface InstrumentSetOptions {
  /** Opens a transport to one instrument; TCP by default (`createTcpTransport`). */
  openTransport?: (target: TransportTarget) => Transport
}

/** The bench a test is handed: one driver per instrument, plus simulation control on the simulator. */
export interface InstrumentSet {
  readonly backend: 'simulator' | 'visa'
  /** The bench lock's key (see {@link BenchAddresses.key}). */
  readonly benchKey: string
  readonly chamber: Chamber
  readonly supply: PowerSupply
  readonly dmm: Multimeter
  readonly load: ElectronicLoad
  /** The simulator's control port (`SIM:*`); only with `instruments.backend: simulator`. */
  readonly control?: SimulationControl
  /** Checks that every instrument answers `*IDN?`; returns the identities, or throws one sentence. */
  probe(): Promise<Record<string, string>>
  /** Closes every connection (errors ignored: closing is best effort). */
  close(): Promise<void>
}

/** What each instrument is called in messages (`cannot reach the multimeter at …`). */
export function instrumentLabel(role: InstrumentRole): string {
  return INSTRUMENTS[role].label
}

/**
 * The transport the instrument set opens by default: TCP, and a test must not miss a dropped instrument, so the call
 * after a drop fails (then the next one reconnects). Wrap it to observe a bench's traffic (session recording).
 */
export function openDriverTransport(target: TransportTarget): Transport {
  return createTcpTransport({
    host: target.host,
    port: target.port,
    name: target.name,
    timeoutMs: target.timeoutMs,
    reportDrops: true,
  })
}

/** Builds the drivers for a bench. Connections open lazily on first use. */
export function createInstrumentSet(bench: BenchAddresses, options: InstrumentSetOptions = {}): InstrumentSet {
  const open = options.openTransport ?? openDriverTransport
  const simulator = bench.backend === 'simulator'
  const [chamberAt, supplyAt, dmmAt, loadAt] = MEASURING_ROLES.map((role) => bench.require(role)) as [
    TransportTarget,
    TransportTarget,
    TransportTarget,
    TransportTarget,
  ]
  const chamber = createChamber(open(chamberAt), chamberAt.name)
  const supply = createPowerSupply(open(supplyAt), supplyAt.name)
  const dmm = createMultimeter(open(dmmAt), dmmAt.name)
  const load = createElectronicLoad(open(loadAt), loadAt.name)
  const controlAt = simulator ? bench.require('control') : undefined
  const control = controlAt ? createSimulationControl(open(controlAt), controlAt.name) : undefined
  const all: Array<[Instrument, TransportTarget]> = [
    [chamber, chamberAt],
    [supply, supplyAt],
    [dmm, dmmAt],
    [load, loadAt],
  ]
  if (control && controlAt) all.unshift([control, controlAt])
  return {
    backend: bench.backend,
    benchKey: bench.key,
    chamber,
    supply,
    dmm,
    load,
    ...(control ? { control } : {}),
    probe: () => probe(all, simulator),
    async close() {
      await Promise.allSettled(all.map(([instrument]) => instrument.close()))
    },
  }
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
      command: commonCommands.identify.scpi,
    },
    { cause: causes.length === 1 ? causes[0] : new AggregateError(causes) },
  )
}
