import type { SupplyMode } from '@dvt/protocol'
import type { Transport } from '@dvt/transports'
import { createInstrumentBase, type Instrument } from './instrument'
import { expectNumbers, queryNumber } from './internal/parse'
import { createScpiChannel } from './internal/scpi-channel'
import { formatNumber } from './internal/scpi-format'

/** Channels of the E36312A: 1 = P6V (feeds the DUT), 2 = P25V, 3 = N25V. */
export type SupplyChannel = 1 | 2 | 3

export interface SupplySettings {
  voltage?: number
  currentLimit?: number
  output?: boolean
}

/** A Keysight E36312A-style triple-output supply (docs/scpi.md#power-supply). */
export interface PowerSupply extends Instrument {
  /** `VOLT <v>,(@n)` */
  setVoltage(channel: SupplyChannel, volts: number): Promise<void>
  /** `CURR <i>,(@n)` */
  setCurrentLimit(channel: SupplyChannel, amps: number): Promise<void>
  /** `OUTP ON|OFF,(@n)` */
  setOutput(channel: SupplyChannel, on: boolean): Promise<void>
  /** Voltage, current limit and output in one line (one round trip). */
  configure(channel: SupplyChannel, settings: SupplySettings): Promise<void>
  /** `MEAS:VOLT? (@n)` */
  measureVoltage(channel: SupplyChannel): Promise<number>
  /** `MEAS:CURR? (@n)` */
  measureCurrent(channel: SupplyChannel): Promise<number>
  /**
   * `count` readbacks of `MEAS:CURR? (@n)`, many queries per line (answered joined by `;`) so
   * averaging hundreds of readings costs only a few round trips.
   */
  measureCurrentSamples(channel: SupplyChannel, count: number): Promise<number[]>
  /** `STAT:QUES:INST:ISUM<n>:COND?` → CV (2), CC (1) or OFF (0). */
  mode(channel: SupplyChannel): Promise<SupplyMode>
}

/** Queries per line when sampling: keeps a line far below the 64 KiB input limit. */
const QUERIES_PER_LINE = 100

export function createPowerSupply(transport: Transport, name = 'supply'): PowerSupply {
  const channel = createScpiChannel(name, transport)
  const parts = (ch: SupplyChannel, s: SupplySettings): string[] => {
    const list = `(@${ch})`
    const out: string[] = []
    if (s.voltage !== undefined) out.push(`VOLT ${formatNumber(s.voltage)},${list}`)
    if (s.currentLimit !== undefined) out.push(`CURR ${formatNumber(s.currentLimit)},${list}`)
    if (s.output !== undefined) out.push(`OUTP ${s.output ? 'ON' : 'OFF'},${list}`)
    return out
  }
  return {
    ...createInstrumentBase(channel, transport),
    setVoltage: (ch, v) => channel.command(`VOLT ${formatNumber(v)},(@${ch})`),
    setCurrentLimit: (ch, i) => channel.command(`CURR ${formatNumber(i)},(@${ch})`),
    setOutput: (ch, on) => channel.command(`OUTP ${on ? 'ON' : 'OFF'},(@${ch})`),
    async configure(ch, settings) {
      const line = parts(ch, settings).join(';:')
      if (line) await channel.command(line)
    },
    measureVoltage: (ch) => queryNumber(channel, `MEAS:VOLT? (@${ch})`),
    measureCurrent: (ch) => queryNumber(channel, `MEAS:CURR? (@${ch})`),
    async measureCurrentSamples(ch, count) {
      const values: number[] = []
      for (let left = count; left > 0; left -= QUERIES_PER_LINE) {
        const n = Math.min(left, QUERIES_PER_LINE)
        const line = Array.from({ length: n }, () => `MEAS:CURR? (@${ch})`).join(';')
        values.push(...expectNumbers(channel, line, await channel.query(line), ';', n))
      }
      return values
    },
    async mode(ch) {
      const bits = await queryNumber(channel, `STAT:QUES:INST:ISUM${ch}:COND?`)
      if (bits & 2) return 'CV'
      if (bits & 1) return 'CC'
      return 'OFF'
    },
  }
}
