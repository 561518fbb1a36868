import type { Transport } from '@dvt/transports'
import { createInstrumentBase, type Instrument } from './instrument'
import { queryNumber } from './internal/parse'
import { createScpiChannel } from './internal/scpi-channel'
import { formatNumber } from './internal/scpi-format'

/** Constant current or constant resistance. */
export type LoadFunction = 'CURR' | 'RES'

export interface LoadSettings {
  function?: LoadFunction
  current?: number
  resistance?: number
  input?: boolean
}

/** A Keysight EL34143A-style electronic load (docs/scpi.md#electronic-load). */
export interface ElectronicLoad extends Instrument {
  /** `FUNC CURR|RES` */
  setFunction(fn: LoadFunction): Promise<void>
  /** `CURR <a>` */
  setCurrent(amps: number): Promise<void>
  /** `RES <ohm>` */
  setResistance(ohms: number): Promise<void>
  /** `INP ON|OFF` */
  setInput(on: boolean): Promise<void>
  /** Function, level and input in one line (one round trip). */
  configure(settings: LoadSettings): Promise<void>
  /** `MEAS:VOLT?` */
  measureVoltage(): Promise<number>
  /** `MEAS:CURR?` */
  measureCurrent(): Promise<number>
  /** `MEAS:POW?` */
  measurePower(): Promise<number>
}

export function createElectronicLoad(transport: Transport, name = 'load'): ElectronicLoad {
  const channel = createScpiChannel(name, transport)
  return {
    ...createInstrumentBase(channel, transport),
    setFunction: (fn) => channel.command(`FUNC ${fn}`),
    setCurrent: (a) => channel.command(`CURR ${formatNumber(a)}`),
    setResistance: (r) => channel.command(`RES ${formatNumber(r)}`),
    setInput: (on) => channel.command(`INP ${on ? 'ON' : 'OFF'}`),
    async configure(s) {
      const parts: string[] = []
      if (s.function !== undefined) parts.push(`FUNC ${s.function}`)
      if (s.current !== undefined) parts.push(`CURR ${formatNumber(s.current)}`)
      if (s.resistance !== undefined) parts.push(`RES ${formatNumber(s.resistance)}`)
      if (s.input !== undefined) parts.push(`INP ${s.input ? 'ON' : 'OFF'}`)
      if (parts.length > 0) await channel.command(parts.join(';:'))
    },
    measureVoltage: () => queryNumber(channel, 'MEAS:VOLT?'),
    measureCurrent: () => queryNumber(channel, 'MEAS:CURR?'),
    measurePower: () => queryNumber(channel, 'MEAS:POW?'),
  }
}
