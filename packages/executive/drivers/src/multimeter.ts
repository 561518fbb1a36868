import type { Transport } from '@dvt/transports'
import { createInstrumentBase, type Instrument } from './instrument'
import { expectNumbers, queryNumber } from './internal/parse'
import { createScpiChannel } from './internal/scpi-channel'
import { formatNumber } from './internal/scpi-format'

/** A measurement range in the function's unit, or autorange. */
export type MultimeterRange = number | 'AUTO'

export interface VoltageDcSetup {
  /** `CONF:VOLT:DC <range>` */
  range: MultimeterRange
  /** `VOLT:DC:NPLC <n>`: integration time in power-line cycles (50 Hz). */
  nplc?: number
  /** `SAMP:COUN <n>`: readings per `READ?`. */
  samples?: number
}

/** A Keysight 34461A-style digital multimeter (docs/scpi.md#multimeter). */
export interface Multimeter extends Instrument {
  /** `CONF:VOLT:DC <range>` */
  configureVoltageDc(range: MultimeterRange): Promise<void>
  /** `VOLT:DC:NPLC <n>` */
  setNplc(nplc: number): Promise<void>
  /** `SAMP:COUN <n>` */
  setSampleCount(count: number): Promise<void>
  /** Range, NPLC and sample count in one line (one round trip). */
  setupVoltageDc(setup: VoltageDcSetup): Promise<void>
  /** `READ?`: one reading per sample, in the configured function's unit. */
  read(): Promise<number[]>
  /** `MEAS:VOLT:DC?` */
  measureVoltageDc(): Promise<number>
  /** `MEAS:CURR:DC?` */
  measureCurrentDc(): Promise<number>
  /** `MEAS:RES?` (the case thermistor on the simulated bench) */
  measureResistance(): Promise<number>
}

/** A reading takes NPLC/50 s per sample; give READ? that long on top of the transport's usual margin. */
const MAINS_HZ = 50
const BASE_TIMEOUT_MS = 5000

export function createMultimeter(transport: Transport, name = 'multimeter'): Multimeter {
  const channel = createScpiChannel(name, transport)
  // The 34461A powers up at NPLC 10, one sample; tracked so READ? gets a long enough timeout.
  let nplc = 10
  let samples = 1
  const readTimeoutMs = () => BASE_TIMEOUT_MS + 2000 * ((nplc / MAINS_HZ) * samples)
  const range = (r: MultimeterRange) => (r === 'AUTO' ? 'AUTO' : formatNumber(r))
  return {
    ...createInstrumentBase(channel, transport),
    async configureVoltageDc(r) {
      await channel.command(`CONF:VOLT:DC ${range(r)}`)
      nplc = 10
      samples = 1
    },
    async setNplc(n) {
      await channel.command(`VOLT:DC:NPLC ${formatNumber(n)}`)
      nplc = n
    },
    async setSampleCount(n) {
      await channel.command(`SAMP:COUN ${formatNumber(n)}`)
      samples = n
    },
    async setupVoltageDc(setup) {
      const parts = [`CONF:VOLT:DC ${range(setup.range)}`]
      if (setup.nplc !== undefined) parts.push(`VOLT:DC:NPLC ${formatNumber(setup.nplc)}`)
      if (setup.samples !== undefined) parts.push(`SAMP:COUN ${formatNumber(setup.samples)}`)
      await channel.command(parts.join(';:'))
      nplc = setup.nplc ?? 10
      samples = setup.samples ?? 1
    },
    async read() {
      return expectNumbers(channel, 'READ?', await channel.query('READ?', { timeoutMs: readTimeoutMs() }))
    },
    measureVoltageDc: () => queryNumber(channel, 'MEAS:VOLT:DC?'),
    measureCurrentDc: () => queryNumber(channel, 'MEAS:CURR:DC?'),
    measureResistance: () => queryNumber(channel, 'MEAS:RES?'),
  }
}
