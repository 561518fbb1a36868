import type {
  ChannelList,
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
  /**
   * Sets up the V_out readings of several sockets at once: those read through the switch/measure unit become one
   * scan list, so that {@link TestSockets.readVouts} reads them in one scan. For one socket it is
   * {@link DutSocket.setupVout}.
   */
  setupVouts(sockets: readonly DutSocket[], setup: VoltageDcSetup): Promise<void>
  /**
   * Each socket's V_out readings (its samples of the last setup), in the order given: the sockets on the switch/measure
   * unit in one scan of their channels (`READ?` per sample, each channel integrating in turn), the others each from
   * its own source in turn. For one socket it is {@link DutSocket.readVout}.
   */
  readVouts(sockets: readonly DutSocket[]): Promise<number[][]>
  /** `count` readings of each socket's input current, in the order given: the sensed ones in one scan. */
  readInputCurrents(sockets: readonly DutSocket[], count: number): Promise<number[][]>
}

/**
 * The input-current readings through the switch/measure unit: autorange, 1 PLC each, so that a thousand of them take
 * 20 s of test-clock time.
 */
const INPUT_CURRENT_SCAN = { range: 'AUTO', nplc: 1 } as const

/** A scan list, with the settings of its channels. */
interface Scan {
  channels: readonly number[]
  range: MultimeterRange
  nplc: number | undefined
}

/** A scan's channels as a channel list: one channel as itself (`(@201)`), runs of neighbours as ranges (`(@102:108)`). */
function scanList(channels: readonly number[]): ChannelList {
  if (channels.length === 1) return channels[0]!
  const items: (number | readonly [number, number])[] = []
  for (let i = 0; i < channels.length; ) {
    let j = i
    while (j + 1 < channels.length && channels[j + 1] === channels[j]! + 1) j++
    items.push(j > i ? [channels[i]!, channels[j]!] : channels[i]!)
    i = j + 1
  }
  return items
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
    const list = scanList(scan.channels)
    await mux.setupScan(list, scan.nplc === undefined ? { range: scan.range } : { range: scan.range, nplc: scan.nplc })
    current = key
  }
}

type ScanRoute = ReturnType<typeof createScanRoute>

interface SocketParts {
  instruments: InstrumentSet
  route: ScanRoute | null
  simulated: boolean
  /** Each socket's V_out settings, by socket number. */
  vout: Map<number, VoutSettings>
  /** How many sockets the bench has (asked of the simulator once, when first needed). */
  count: () => Promise<number>
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

/** How a socket's V_out readings are set up: what its last {@link DutSocket.setupVout} asked for. */
interface VoutSettings {
  range: MultimeterRange
  nplc: number | undefined
  samples: number
}

function voutReader(parts: SocketParts, n: number, source: VoutSource) {
  const { dmm } = parts.instruments
  if (source.kind === 'dmm') return { setup: (s: VoltageDcSetup) => dmm.setupVoltageDc(s), read: () => dmm.read() }
  const { mux, route } = requireMux(parts, n)
  const settings = parts.vout.get(n)!
  const scan = (): Scan => ({ channels: [source.channel], range: settings.range, nplc: settings.nplc })
  return {
    async setup(setup: VoltageDcSetup) {
      Object.assign(settings, voutSettings(setup))
      await route(scan())
    },
    async read() {
      await route(scan())
      return (await mux.readScans(settings.samples)).flat()
    },
  }
}

function voutSettings(setup: VoltageDcSetup): VoutSettings {
  return { range: setup.range, nplc: setup.nplc, samples: setup.samples ?? 1 }
}

type CurrentReader = (count: number) => Promise<number[]>

function currentReader(parts: SocketParts, n: number, source: CurrentSource): CurrentReader {
  const { supply } = parts.instruments
  if (source.kind === 'supply') {
    const fromSupply: CurrentReader = (count) => supply.measureCurrentSamples(1, count)
    if (!parts.simulated || n !== 1) return fromSupply
    // The simulator's socket 1 is wired as a one-DUT bench whatever the client's configuration says; on a board of
    // several the supply feeds them all, so its current is read on its current-sense channel (simulatorSocket).
    let reader: Promise<CurrentReader> | null = null
    return async (count) => {
      reader ??= parts
        .count()
        .then((total) => (total === 1 ? fromSupply : currentReader(parts, n, simulatorSocket(1, total).inputCurrent)))
      return (await reader)(count)
    }
  }
  const { mux, route } = requireMux(parts, n)
  return async (count: number) => {
    await route({ channels: [source.channel], ...INPUT_CURRENT_SCAN })
    return (await mux.readScans(count)).flat().map((volts) => volts / source.voltsPerAmp)
  }
}

function createDutSocket(parts: SocketParts, n: number, wiring: SocketWiring): DutSocket {
  const { control, dmm, load } = parts.instruments
  parts.vout.set(n, { range: 'AUTO', nplc: undefined, samples: 1 })
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

/** The switch/measure unit's channel a socket's quantity is read on, or null when it is read elsewhere. */
const voutChannel = (socket: DutSocket) => (socket.wiring.vout.kind === 'mux' ? socket.wiring.vout.channel : null)
const currentChannel = (socket: DutSocket) =>
  socket.wiring.inputCurrent.kind === 'mux' ? socket.wiring.inputCurrent.channel : null

/** How a board reads one quantity of its sockets (V_out, input current). */
interface BoardReading {
  /** The switch/measure unit's channel the socket's quantity is on, or null when it is read elsewhere. */
  channelOf(socket: DutSocket): number | null
  /** The range and integration time of a scanned socket's channel, and how many scans a reading takes. */
  settingsOf(socket: DutSocket): { range: MultimeterRange; nplc: number | undefined; count: number }
  /** A scanned reading (volts at the unit) in the quantity's unit. */
  convert(socket: DutSocket, volts: number): number
  /** A socket that is not scanned, read on its own. */
  alone(socket: DutSocket): Promise<number[]>
}

/**
 * Reads a quantity of several sockets: those on the switch/measure unit with the same settings in one scan of their
 * channels, the others on their own, in turn. The readings of each socket, in the order given.
 */
async function readBoard(
  parts: SocketParts,
  sockets: readonly DutSocket[],
  reading: BoardReading,
): Promise<number[][]> {
  const readings = new Map<DutSocket, number[]>()
  const groups = new Map<string, DutSocket[]>()
  for (const socket of sockets) {
    if (reading.channelOf(socket) === null) readings.set(socket, await reading.alone(socket))
    else {
      const key = JSON.stringify(reading.settingsOf(socket))
      groups.set(key, [...(groups.get(key) ?? []), socket])
    }
  }
  for (const group of groups.values()) {
    const { mux, route } = requireMux(parts, group[0]!.number)
    const { range, nplc, count } = reading.settingsOf(group[0]!)
    await route({ channels: group.map((socket) => reading.channelOf(socket)!), range, nplc })
    const scans = await mux.readScans(count)
    group.forEach((socket, i) => {
      readings.set(
        socket,
        scans.map((scan) => reading.convert(socket, scan[i]!)),
      )
    })
  }
  return sockets.map((socket) => readings.get(socket)!)
}

/** The sockets of `board` on `instruments`, for one run: nothing is sent until a test asks. */
export function createTestSockets(instruments: InstrumentSet, board: BoardWiring): TestSockets {
  const parts: SocketParts = {
    instruments,
    route: instruments.mux ? createScanRoute(instruments.mux) : null,
    simulated: board.simulated && instruments.control !== undefined,
    vout: new Map(),
    count: () => count(),
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
    async setupVouts(sockets, setup) {
      if (sockets.length === 1) return sockets[0]!.setupVout(setup)
      const scanned = sockets.filter((socket) => voutChannel(socket) !== null)
      for (const socket of sockets) {
        if (voutChannel(socket) === null) await socket.setupVout(setup)
        else Object.assign(parts.vout.get(socket.number)!, voutSettings(setup))
      }
      if (scanned.length === 0) return
      const { route } = requireMux(parts, scanned[0]!.number)
      await route({ channels: scanned.map((socket) => voutChannel(socket)!), range: setup.range, nplc: setup.nplc })
    },
    async readVouts(sockets) {
      if (sockets.length === 1) return [await sockets[0]!.readVout()]
      return readBoard(parts, sockets, {
        channelOf: voutChannel,
        settingsOf: (socket) => {
          const { range, nplc, samples } = parts.vout.get(socket.number)!
          return { range, nplc, count: samples }
        },
        convert: (_socket, volts) => volts,
        alone: (socket) => socket.readVout(),
      })
    },
    async readInputCurrents(sockets, count) {
      if (sockets.length === 1) return [await sockets[0]!.readInputCurrent(count)]
      return readBoard(parts, sockets, {
        channelOf: currentChannel,
        settingsOf: () => ({ ...INPUT_CURRENT_SCAN, count }),
        convert: (socket, volts) =>
          socket.wiring.inputCurrent.kind === 'mux' ? volts / socket.wiring.inputCurrent.voltsPerAmp : volts,
        alone: (socket) => socket.readInputCurrent(count),
      })
    },
  }
}
