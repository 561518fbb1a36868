import type { SupplyMode } from '@dvt/protocol'
import type { Transport } from '@dvt/transports'
import { commandLine, type DriverMethods, defineDriverCommands } from './driver-table'
import { createTableDriver, type Instrument } from './instrument'
import { queryJoined, queryOf, sendSettings } from './internal/bind-commands'
import { p } from './params'
import { r } from './replies'

/** Channels of the E36312A: 1 = P6V (feeds the DUT), 2 = P25V, 3 = N25V. */
export type SupplyChannel = 1 | 2 | 3

/** What {@link PowerSupply.configure} sets; only the given fields are sent. */
export interface SupplySettings {
  voltage?: number
  currentLimit?: number
  output?: boolean
}

/** The ISUM condition register: bit 1 CV, bit 0 CC, neither off. */
function decodeMode(bits: number): SupplyMode {
  if (bits & 2) return 'CV'
  if (bits & 1) return 'CC'
  return 'OFF'
}

/** The output a row acts on, as a channel list: `(@1)`. */
const outputList = p.channels<SupplyChannel>('channel')

/** The E36312A with channel lists (docs/scpi.md#power-supply): one row per {@link PowerSupply} method. */
export const supplyCommands = defineDriverCommands({
  /** Sets one output's voltage. */
  setVoltage: { scpi: 'VOLT {volts},{channel}', params: [outputList, p.number('volts')], unit: 'V' },
  /** Sets one output's current limit. */
  setCurrentLimit: { scpi: 'CURR {amps},{channel}', params: [outputList, p.number('amps')], unit: 'A' },
  /** Switches one output on or off. */
  setOutput: { scpi: 'OUTP {on},{channel}', params: [outputList, p.onOff('on')] },
  /** One output's voltage readback. */
  measureVoltage: { scpi: 'MEAS:VOLT? {channel}', params: [outputList], reply: r.number(), unit: 'V' },
  /** One output's current readback. */
  measureCurrent: { scpi: 'MEAS:CURR? {channel}', params: [outputList], reply: r.number(), unit: 'A' },
  /** How one output regulates: CV, CC or OFF. */
  mode: {
    scpi: 'STAT:QUES:INST:ISUM{channel}:COND?',
    params: [p.suffix<SupplyChannel>('channel')],
    reply: r.register(decodeMode),
  },
})

/** A Keysight E36312A-style triple-output supply (docs/scpi.md#power-supply). */
export interface PowerSupply extends Instrument, DriverMethods<typeof supplyCommands> {
  /** Voltage, current limit and output in one line (one round trip); sends nothing for `{}`. */
  configure(channel: SupplyChannel, settings: SupplySettings): Promise<void>
  /**
   * `count` current readbacks, many queries per line (answered joined by `;`), so averaging hundreds of
   * readings costs only a few round trips.
   */
  measureCurrentSamples(channel: SupplyChannel, count: number): Promise<number[]>
}

/** Queries per line when sampling: keeps a line far below the 64 KiB input limit (docs/scpi.md#input-lines). */
const QUERIES_PER_LINE = 100

/** The supply's driver over `transport`; `name` is what messages call it. */
export function createPowerSupply(transport: Transport, name = 'supply'): PowerSupply {
  const { channel, driver } = createTableDriver(transport, name, supplyCommands)
  return {
    ...driver,
    configure: (ch, settings) =>
      sendSettings(channel, settings, {
        voltage: (volts) => commandLine(supplyCommands.setVoltage, ch, volts),
        currentLimit: (amps) => commandLine(supplyCommands.setCurrentLimit, ch, amps),
        output: (on) => commandLine(supplyCommands.setOutput, ch, on),
      }),
    async measureCurrentSamples(ch, count) {
      const query = queryOf(supplyCommands.measureCurrent, ch)
      const values: number[] = []
      for (let left = count; left > 0; left -= QUERIES_PER_LINE) {
        const queries = Array.from({ length: Math.min(left, QUERIES_PER_LINE) }, () => query)
        values.push(...(await queryJoined(channel, queries)))
      }
      return values
    },
  }
}
