import type {
  DataAcquisition,
  Instrument,
  InstrumentSet,
  LoadChannel,
  MultimeterRange,
  VoltageDcSetup,
} from '@dvt/drivers'
import { type BoardWiring, type CurrentSource, type SocketWiring, simulatorSocket, type VoutSource } from './board'
import { FrameworkError } from './framework-error'

/** One DUT socket as a test sees it (docs/tests.md#sockets). */
export interface DutSocket {
  /** 1 … the bench's socket count. */
  readonly number: number
  readonly wiring: SocketWiring
  /** The load channel on the socket's output. */
  readonly load: LoadChannel
  /**
   * The instruments the socket is loaded and its V_out read through, load first (a test clears them before it
   * starts). The switch/measure unit is not among them: the socket clears it the first time the run reads through it.
   */
  readonly instruments: readonly Instrument[]
  /** The part's serial as the simulator knows it (`SIM:DUT:SERial? n`); null on real hardware or an empty socket. */
  serial(): Promise<string | null>
  /** The range and integration time of the V_out readings, and how many {@link DutSocket.readVout} takes. */
  setupVout(setup: VoltageDcSetup): Promise<void>
  /** The socket's output voltage: one reading per sample of {@link DutSocket.setupVout}, V. */
  readVout(): Promise<number[]>
  /** `count` readings of the socket's input current, A. */
  readInputCurrent(count: number): Promise<number[]>
}

/** The DUT sockets of the bench a run is on (`ctx.sockets`). */
export interface TestSockets {
  /** How many sockets the bench has: the simulator's answer (asked once per run), or the configured board's. */
  count(): Promise<number>
  /**
   * Socket `n`. Socket 1 costs no exchange with the bench, so a test on socket 1 sends what it sent before there
   * were sockets; any other is first checked against {@link TestSockets.count}.
   */
  get(n: number): Promise<DutSocket>
  /** Every socket of the bench, socket 1 first. */
  list(): Promise<DutSocket[]>
  /** The sockets the run has asked for so far, in that order (their loads are switched off at the end). */
  used(): readonly DutSocket[]
}

/**
 * The input-current readings through the switch/measure unit: autorange, 1 PLC each, so that a thousand of them take
 * 20 s of test-clock time.
 */
const INPUT_CURRENT_SCAN = { range: 'AUTO', nplc: 1 } as const

/** A scan list of one channel, with its settings. */
interface Scan {
  channel: number
  range: MultimeterRange
  nplc: number | undefined
}

/**
 * The one scan list of the switch/measure unit, shared by the sockets of a run: a socket's reading sets it up only
 * when the last reading scanned something else. The first one clears the unit's error queue (`*CLS`), as a test
 * clears the other instruments before it starts, so that nothing a run does not read through it is sent to it.
 */
function createScanRoute(mux: DataAcquisition) {
  let current: string | null = null
  return async (scan: Scan): Promise<void> => {
    const key = JSON.stringify(scan)
    if (key === current) return
    if (current === null) await mux.clear()
    await mux.setupScan(scan.channel, scan.nplc === undefined ? { range: scan.range } : scan)
    current = key
  }
}

type ScanRoute = ReturnType<typeof createScanRoute>

interface SocketParts {
  instruments: InstrumentSet
  route: ScanRoute | null
  simulated: boolean
}

function requireMux(parts: SocketParts, n: number): { mux: DataAcquisition; route: ScanRoute } {
  const { mux } = parts.instruments
  if (!mux || !parts.route) {
    throw new FrameworkError(
      'FRAMEWORK_BAD_CONFIG',
      `socket ${n} is read through the switch/measure unit, but instruments.visa.mux is not set`,
    )
  }
  return { mux, route: parts.route }
}

function voutReader(parts: SocketParts, n: number, source: VoutSource) {
  const { dmm } = parts.instruments
  if (source.kind === 'dmm') return { setup: (s: VoltageDcSetup) => dmm.setupVoltageDc(s), read: () => dmm.read() }
  const { mux, route } = requireMux(parts, n)
  let scan: Scan = { channel: source.channel, range: 'AUTO', nplc: undefined }
  let samples = 1
  return {
    async setup(setup: VoltageDcSetup) {
      scan = { channel: source.channel, range: setup.range, nplc: setup.nplc }
      samples = setup.samples ?? 1
      await route(scan)
    },
    async read() {
      await route(scan)
      return (await mux.readScans(samples)).flat()
    },
  }
}

function currentReader(parts: SocketParts, n: number, source: CurrentSource) {
  const { supply } = parts.instruments
  if (source.kind === 'supply') return (count: number) => supply.measureCurrentSamples(1, count)
  const { mux, route } = requireMux(parts, n)
  return async (count: number) => {
    await route({ channel: source.channel, ...INPUT_CURRENT_SCAN })
    return (await mux.readScans(count)).flat().map((volts) => volts / source.voltsPerAmp)
  }
}

function createDutSocket(parts: SocketParts, n: number, wiring: SocketWiring): DutSocket {
  const { control, dmm, load } = parts.instruments
  const vout = voutReader(parts, n, wiring.vout)
  return {
    number: n,
    wiring,
    load: load.channel(wiring.loadChannel),
    instruments: wiring.vout.kind === 'dmm' ? [load, dmm] : [load],
    serial: async () => (parts.simulated && control ? (await control.dutSerial(n)) || null : null),
    setupVout: vout.setup,
    readVout: vout.read,
    readInputCurrent: currentReader(parts, n, wiring.inputCurrent),
  }
}

/** The sockets of `board` on `instruments`, for one run: nothing is sent until a test asks. */
export function createTestSockets(instruments: InstrumentSet, board: BoardWiring): TestSockets {
  const parts: SocketParts = {
    instruments,
    route: instruments.mux ? createScanRoute(instruments.mux) : null,
    simulated: board.simulated && instruments.control !== undefined,
  }
  const made = new Map<number, DutSocket>()
  const used: DutSocket[] = []
  let counted: Promise<number> | null = null

  const count = (): Promise<number> => {
    if (counted === null) {
      counted = parts.simulated ? instruments.control!.sockets() : Promise.resolve(board.sockets.length)
    }
    return counted
  }
  const wiringOf = (n: number, total: number): SocketWiring =>
    n === 1 ? board.sockets[0]! : parts.simulated ? simulatorSocket(n, total) : board.sockets[n - 1]!
  const socket = (n: number, total: number): DutSocket => {
    let found = made.get(n)
    if (!found) {
      found = createDutSocket(parts, n, wiringOf(n, total))
      made.set(n, found)
    }
    return found
  }

  return {
    count,
    async get(n) {
      if (!Number.isInteger(n) || n < 1) throw new FrameworkError('FRAMEWORK_BAD_PARAMETER', `there is no socket ${n}`)
      const total = n === 1 ? board.sockets.length : await count()
      if (n > total) {
        throw new FrameworkError(
          'FRAMEWORK_BAD_PARAMETER',
          `socket ${n} does not exist: the bench has ${total === 1 ? 'one socket' : `${total} sockets (1 … ${total})`}`,
        )
      }
      const found = socket(n, total)
      if (!used.includes(found)) used.push(found)
      return found
    },
    async list() {
      const total = await count()
      return Array.from({ length: total }, (_, i) => socket(i + 1, total))
    },
    used: () => used,
  }
}
