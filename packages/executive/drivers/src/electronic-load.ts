import type { Transport } from '@dvt/transports'
import { commandLine, type DriverMethods, defineDriverCommands } from './driver-table'
import { createTableDriver, type Instrument } from './instrument'
import { sendSettings } from './internal/bind-commands'
import { p } from './params'
import { r } from './replies'

/** Constant current or constant resistance. */
export type LoadFunction = 'CURR' | 'RES'

/** What {@link ElectronicLoad.configure} sets; only the given fields are sent. */
export interface LoadSettings {
  function?: LoadFunction
  current?: number
  resistance?: number
  input?: boolean
}

/** The EL34143A (docs/scpi.md#electronic-load): one row per {@link ElectronicLoad} method. */
export const loadCommands = defineDriverCommands({
  /** Selects constant current or constant resistance. */
  setFunction: { scpi: 'FUNC {function}', params: [p.word<LoadFunction>('function')] },
  /** Sets the constant-current level. */
  setCurrent: { scpi: 'CURR {amps}', params: [p.number('amps')], unit: 'A' },
  /** Sets the constant-resistance level. */
  setResistance: { scpi: 'RES {ohms}', params: [p.number('ohms')], unit: 'Ω' },
  /** Switches the input on or off. */
  setInput: { scpi: 'INP {on}', params: [p.onOff('on')] },
  /** The terminal voltage. */
  measureVoltage: { scpi: 'MEAS:VOLT?', reply: r.number(), unit: 'V' },
  /** The current drawn. */
  measureCurrent: { scpi: 'MEAS:CURR?', reply: r.number(), unit: 'A' },
  /** The power drawn. */
  measurePower: { scpi: 'MEAS:POW?', reply: r.number(), unit: 'W' },
})

/** A Keysight EL34143A-style electronic load (docs/scpi.md#electronic-load). */
export interface ElectronicLoad extends Instrument, DriverMethods<typeof loadCommands> {
  /** Function, level and input in one line (one round trip); sends nothing for `{}`. */
  configure(settings: LoadSettings): Promise<void>
}

/** The load's driver over `transport`; `name` is what messages call it. */
export function createElectronicLoad(transport: Transport, name = 'load'): ElectronicLoad {
  const { channel, driver } = createTableDriver(transport, name, loadCommands)
  return {
    ...driver,
    configure: (settings) =>
      sendSettings(channel, settings, {
        function: (fn) => commandLine(loadCommands.setFunction, fn),
        current: (amps) => commandLine(loadCommands.setCurrent, amps),
        resistance: (ohms) => commandLine(loadCommands.setResistance, ohms),
        input: (on) => commandLine(loadCommands.setInput, on),
      }),
  }
}
