import type { Transport } from '@dvt/transports'
import { createInstrumentBase, type Instrument } from './instrument'
import { expectNumbers, queryNumber } from './internal/parse'
import { createScpiChannel } from './internal/scpi-channel'
import { formatNumber } from './internal/scpi-format'

/** `TECR?` decoded: bit 0 at temperature (stable), bit 1 not at temperature. */
export interface ChamberStatus {
  stable: boolean
  raw: number
}

/** One round trip's worth of chamber state. */
export interface ChamberReading {
  temperature: number
  stable: boolean
}

/** A temperature chamber speaking the Temptronic ThermoStream dialect (docs/scpi.md#thermal-chamber). */
export interface Chamber extends Instrument {
  /** `SETP <t>`, °C. */
  setSetpoint(celsius: number): Promise<void>
  /** `SETP?` */
  getSetpoint(): Promise<number>
  /** `TEMP?`: the air temperature, °C. */
  readTemperature(): Promise<number>
  /** `RAMP <°C/min>` */
  setRampRate(celsiusPerMinute: number): Promise<void>
  /** `WNDW <°C>`: the stability window. */
  setWindow(celsius: number): Promise<void>
  /** `SOAK <s>`: how long the air must stay in the window to count as stable. */
  setSoakTime(seconds: number): Promise<void>
  /** `TECR?` */
  status(): Promise<ChamberStatus>
  /** `TEMP?;TECR?` in one round trip. */
  read(): Promise<ChamberReading>
  /** `FLOW 1|0`: chamber air on or off. */
  setFlow(on: boolean): Promise<void>
}

export function createChamber(transport: Transport, name = 'chamber'): Chamber {
  const channel = createScpiChannel(name, transport)
  const num = (line: string) => queryNumber(channel, line)
  const decode = (raw: number): ChamberStatus => ({ raw, stable: (raw & 1) === 1 })
  return {
    ...createInstrumentBase(channel, transport),
    setSetpoint: (t) => channel.command(`SETP ${formatNumber(t)}`),
    getSetpoint: () => num('SETP?'),
    readTemperature: () => num('TEMP?'),
    setRampRate: (r) => channel.command(`RAMP ${formatNumber(r)}`),
    setWindow: (w) => channel.command(`WNDW ${formatNumber(w)}`),
    setSoakTime: (s) => channel.command(`SOAK ${formatNumber(s)}`),
    status: () => num('TECR?').then(decode),
    async read() {
      const line = 'TEMP?;TECR?'
      const [temperature = Number.NaN, raw = 0] = expectNumbers(channel, line, await channel.query(line), ';', 2)
      return { temperature, stable: decode(raw).stable }
    },
    setFlow: (on) => channel.command(`FLOW ${on ? 1 : 0}`),
  }
}
