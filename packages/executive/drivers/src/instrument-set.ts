import { INSTRUMENTS, type InstrumentRole, MEASURING_ROLES } from '@dvt/protocol'
import { createTcpTransport, type Transport } from '@dvt/transports'
import { type Chamber, createChamber } from './chamber'
import { createDataAcquisition, type DataAcquisition } from './data-acquisition'
import { commonCommands, type Instrument } from './instrument'
import { InstrumentError } from './instrument-error'
import { createMultiChannelLoad, type MultiChannelLoad } from './multi-channel-load'
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
  /** The electronic load; its channel 1 is the one a one-DUT bench uses, the others load the other sockets. */
  readonly load: MultiChannelLoad
  /**
   * The switch/measure unit that reads the DUT sockets (docs/tests.md#sockets): always on the simulator, on real
   * hardware when `instruments.visa.mux` is set.
   */
  readonly mux?: DataAcquisition
  /** The simulator's control port (`SIM:*`); only with `instruments.backend: simulator`. */
  readonly control?: SimulationControl
  /**
   * Checks that the instruments every test uses answer `*IDN?` (simulation control, chamber, supply, multimeter,
   * load); returns the identities, or throws one sentence. The switch/measure unit is not asked: only a test on a
   * socket read through it talks to it, and it names the unit when it cannot reach it.
   */
  probe(): Promise<Record<string, string>>
  /** Closes every connection (errors ignored: closing is best effort). */
  close(): Promise<void>
}

/** What each instrument is called in messages (`cannot reach the multimeter at …`). */
export function instrumentLabel(role: InstrumentRole): string {
  return INSTRUMENTS[role].label
}

/** The instruments of every bench, simulated or real. */
const EVERY_BENCH = MEASURING_ROLES.filter((role) => role !== 'mux')

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
  const [chamberAt, supplyAt, dmmAt, loadAt] = EVERY_BENCH.map((role) => bench.require(role)) as [
    TransportTarget,
    TransportTarget,
    TransportTarget,
    TransportTarget,
  ]
  const chamber = createChamber(open(chamberAt), chamberAt.name)
  const supply = createPowerSupply(open(supplyAt), supplyAt.name)
  const dmm = createMultimeter(open(dmmAt), dmmAt.name)
  const load = createMultiChannelLoad(open(loadAt), loadAt.name)
  const controlAt = simulator ? bench.require('control') : undefined
  const control = controlAt ? createSimulationControl(open(controlAt), controlAt.name) : undefined
  const muxAt = simulator ? bench.require('mux') : bench.targets.mux
  const mux = muxAt ? createDataAcquisition(open(muxAt), muxAt.name) : undefined
  const all: Array<[Instrument, TransportTarget]> = [
    [chamber, chamberAt],
    [supply, supplyAt],
    [dmm, dmmAt],
    [load, loadAt],
  ]
  if (control && controlAt) all.unshift([control, controlAt])
  const probed = [...all]
  if (mux && muxAt) all.push([mux, muxAt])
  return {
    backend: bench.backend,
    benchKey: bench.key,
    chamber,
    supply,
    dmm,
    load,
    ...(mux ? { mux } : {}),
    ...(control ? { control } : {}),
    probe: () => probe(probed, simulator),
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
