import type { Transport } from '@dvt/transports'
import { commandLine, type DriverMethods, defineDriverCommands } from './driver-table'
import {
  createElectronicLoad,
  type ElectronicLoad,
  type LoadFunction,
  type LoadSettings,
  type loadCommands,
} from './electronic-load'
import { bindCommands, bindCommandsWith, sendSettings } from './internal/bind-commands'
import { createScpiChannel } from './internal/scpi-channel'
import { p } from './params'
import { r } from './replies'

/** One channel of the load as a test drives it: the single-channel load's methods, aimed at that channel. */
export interface LoadChannel extends DriverMethods<typeof loadCommands> {
  /** The channel's number, from 1. */
  readonly number: number
  /** Function, level and input of this channel in one line (one round trip); sends nothing for `{}`. */
  configure(settings: LoadSettings): Promise<void>
}

/** The channel a row acts on, as a channel list: `(@3)`. */
const channelList = p.channels<number>('channel')

/**
 * The rows of {@link loadCommands} with a channel list, as the multi-channel Keysight loads take them
 * (docs/scpi.md#electronic-load). Each takes the channel first.
 */
export const loadChannelCommands = defineDriverCommands({
  setFunction: { scpi: 'FUNC {function},{channel}', params: [channelList, p.word<LoadFunction>('function')] },
  setCurrent: { scpi: 'CURR {amps},{channel}', params: [channelList, p.number('amps')], unit: 'A' },
  setResistance: { scpi: 'RES {ohms},{channel}', params: [channelList, p.number('ohms')], unit: 'Ω' },
  setInput: { scpi: 'INP {on},{channel}', params: [channelList, p.onOff('on')] },
  measureVoltage: { scpi: 'MEAS:VOLT? {channel}', params: [channelList], reply: r.number(), unit: 'V' },
  measureCurrent: { scpi: 'MEAS:CURR? {channel}', params: [channelList], reply: r.number(), unit: 'A' },
  measurePower: { scpi: 'MEAS:POW? {channel}', params: [channelList], reply: r.number(), unit: 'W' },
})

/** Which channel the commands without a channel list act on. */
export const loadSelectCommands = defineDriverCommands({
  /** Selects the channel commands without a channel list act on. */
  selectChannel: { scpi: 'INST:NSEL {channel}', params: [p.suffix('channel')] },
  /** The channel commands without a channel list act on. */
  selectedChannel: { scpi: 'INST:NSEL?', reply: r.number() },
})

/**
 * A multi-channel electronic load (docs/scpi.md#electronic-load): the single-channel load's methods act on the
 * selected channel, exactly as on an EL34143A, and {@link MultiChannelLoad.channel} aims them at one channel.
 */
export interface MultiChannelLoad extends ElectronicLoad, DriverMethods<typeof loadSelectCommands> {
  /**
   * Channel `n`. Channel 1 sends the single-channel lines (`CURR 0.1`): an EL34143A takes them, and the bytes
   * a one-DUT bench sees do not change. Any other channel sends channel lists (`CURR 0.1,(@3)`), so the
   * selected channel is never changed behind anyone's back.
   */
  channel(n: number): LoadChannel
}

/** The multi-channel load's driver over `transport`; `name` is what messages call it. */
export function createMultiChannelLoad(transport: Transport, name = 'load'): MultiChannelLoad {
  const load = createElectronicLoad(transport, name)
  const channel = createScpiChannel(name, transport)
  const first: LoadChannel = {
    number: 1,
    setFunction: load.setFunction,
    setCurrent: load.setCurrent,
    setResistance: load.setResistance,
    setInput: load.setInput,
    measureVoltage: load.measureVoltage,
    measureCurrent: load.measureCurrent,
    measurePower: load.measurePower,
    configure: load.configure,
  }
  const listed = (n: number): LoadChannel => ({
    number: n,
    ...bindCommandsWith(channel, loadChannelCommands, n),
    configure: (settings) =>
      sendSettings(channel, settings, {
        function: (fn) => commandLine(loadChannelCommands.setFunction, n, fn),
        current: (amps) => commandLine(loadChannelCommands.setCurrent, n, amps),
        resistance: (ohms) => commandLine(loadChannelCommands.setResistance, n, ohms),
        input: (on) => commandLine(loadChannelCommands.setInput, n, on),
      }),
  })
  return {
    ...load,
    ...bindCommands(channel, loadSelectCommands),
    channel(n) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`the load has no channel ${n}`)
      return n === 1 ? first : listed(n)
    },
  }
}
