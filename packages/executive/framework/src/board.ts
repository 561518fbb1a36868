import type { DvtConfig } from '@dvt/config'
import { CURRENT_SENSE_V_PER_A, muxChannel } from '@dvt/protocol'

/** Where a socket's V_out is read: the multimeter, or a channel of the switch/measure unit. */
export type VoutSource = { readonly kind: 'dmm' } | { readonly kind: 'mux'; readonly channel: number }

/**
 * Where a socket's input current is read: the supply's output 1 (which feeds the whole board, so it is one DUT's
 * current only on a board of one), or a current-sense output read by the switch/measure unit.
 */
export type CurrentSource =
  | { readonly kind: 'supply' }
  | { readonly kind: 'mux'; readonly channel: number; readonly voltsPerAmp: number }

/** How one DUT socket is wired to the instruments (docs/tests.md#sockets). */
export interface SocketWiring {
  readonly vout: VoutSource
  /** The load channel that loads the socket's output. */
  readonly loadChannel: number
  readonly inputCurrent: CurrentSource
}

/** How the DUT sockets of a bench are wired. */
export interface BoardWiring {
  /** Each socket the configuration knows, socket 1 first. */
  readonly sockets: readonly SocketWiring[]
  /**
   * The simulator: it says how many sockets it has (`SIM:SOCKets?`), and socket n is wired as
   * {@link simulatorSocket} says.
   */
  readonly simulated: boolean
}

const DMM: VoutSource = Object.freeze({ kind: 'dmm' })
const SUPPLY: CurrentSource = Object.freeze({ kind: 'supply' })

/** One DUT on a bench without a board: read by the multimeter, loaded by the load, fed and measured by the supply. */
export const SINGLE_DUT: SocketWiring = Object.freeze({ vout: DMM, loadChannel: 1, inputCurrent: SUPPLY })

/**
 * Socket `n` of a simulated board of `sockets`. Socket 1 is wired as the one-DUT bench — V_out on the
 * multimeter, load channel 1 — and so sends the same lines; its input current is the supply's read-back when it is
 * the only socket, and its current-sense channel otherwise (the supply feeds every socket). Every other socket is
 * read through the switch/measure unit: V_out on channel 1nn, input current on channel 2nn.
 */
export function simulatorSocket(n: number, sockets: number): SocketWiring {
  if (n === 1 && sockets === 1) return SINGLE_DUT
  const sensed: CurrentSource = { kind: 'mux', channel: muxChannel('iin', n), voltsPerAmp: CURRENT_SENSE_V_PER_A }
  return {
    vout: n === 1 ? DMM : { kind: 'mux', channel: muxChannel('vout', n) },
    loadChannel: n,
    inputCurrent: sensed,
  }
}

type ConfiguredSocket = NonNullable<DvtConfig['instruments']['visa']['sockets']>[number]

function fromConfig(socket: ConfiguredSocket): SocketWiring {
  const current = socket.input_current
  return {
    vout: socket.vout === 'dmm' ? DMM : { kind: 'mux', channel: socket.vout },
    loadChannel: socket.load_channel,
    inputCurrent:
      current === 'supply' ? SUPPLY : { kind: 'mux', channel: current.channel, voltsPerAmp: current.volts_per_amp },
  }
}

/** The part of the configuration that says how the DUT sockets are wired. */
export type BoardConfig = Pick<DvtConfig, 'instruments' | 'bench'>

/**
 * The board of the configured bench: on the simulator `bench.sockets` sockets wired as {@link simulatorSocket}
 * says; on real hardware `instruments.visa.sockets`, or one DUT wired as the multimeter, load and supply reach it.
 */
export function boardWiring(config: BoardConfig): BoardWiring {
  if (config.instruments.backend === 'simulator') {
    const count = config.bench.sockets
    return { simulated: true, sockets: Array.from({ length: count }, (_, i) => simulatorSocket(i + 1, count)) }
  }
  const sockets = config.instruments.visa.sockets
  return { simulated: false, sockets: sockets ? sockets.map(fromConfig) : [SINGLE_DUT] }
}
