import type { Transport } from '@dvt/transports'
import { commandLine, type DriverMethods, defineDriverCommands } from './driver-table'
import { createTableDriver, type Instrument } from './instrument'
import { runCommand, sendSettings } from './internal/bind-commands'
import { p } from './params'
import { r } from './replies'

/** A measurement range in the function's unit, or autorange. */
export type MultimeterRange = number | 'AUTO'

/** What {@link Multimeter.setupVoltageDc} sets. */
export interface VoltageDcSetup {
  /** The range, as {@link Multimeter.configureVoltageDc} sets it. */
  range: MultimeterRange
  /** Integration time in power-line cycles (50 Hz), as {@link Multimeter.setNplc} sets it. */
  nplc?: number
  /** Readings per {@link Multimeter.read}, as {@link Multimeter.setSampleCount} sets it. */
  samples?: number
}

/** The 34461A (docs/scpi.md#multimeter): one row per {@link Multimeter} method. */
export const multimeterCommands = defineDriverCommands({
  /** Configures DC volts with a fixed range or autorange; NPLC back to 10, one sample. */
  configureVoltageDc: { scpi: 'CONF:VOLT:DC {range}', params: [p.number('range', { AUTO: 'AUTO' })], unit: 'V' },
  /** Sets the integration time in power-line cycles (50 Hz). */
  setNplc: { scpi: 'VOLT:DC:NPLC {nplc}', params: [p.number('nplc')] },
  /** Sets the readings per {@link Multimeter.read}. */
  setSampleCount: { scpi: 'SAMP:COUN {count}', params: [p.number('count')] },
  /** One reading per sample, in the configured function's unit. */
  read: { scpi: 'READ?', reply: r.numbers() },
  /** Configures DC volts and reads once. */
  measureVoltageDc: { scpi: 'MEAS:VOLT:DC?', reply: r.number(), unit: 'V' },
  /** Configures DC current and reads once. */
  measureCurrentDc: { scpi: 'MEAS:CURR:DC?', reply: r.number(), unit: 'A' },
  /** Configures 2-wire resistance and reads once (the case thermistor on the simulated bench). */
  measureResistance: { scpi: 'MEAS:RES?', reply: r.number(), unit: 'Ω' },
})

/** A Keysight 34461A-style digital multimeter (docs/scpi.md#multimeter). */
export interface Multimeter extends Instrument, DriverMethods<typeof multimeterCommands> {
  /** Range, NPLC and sample count in one line (one round trip). */
  setupVoltageDc(setup: VoltageDcSetup): Promise<void>
}

/** A reading takes NPLC/50 s per sample; give a read that long on top of the transport's usual margin. */
const MAINS_HZ = 50

/** How long `samples` readings at `nplc` integrate, s: NPLC power-line cycles of 50 Hz mains each. */
export function integrationTimeS(nplc: number, samples = 1): number {
  return (nplc / MAINS_HZ) * samples
}
const BASE_TIMEOUT_MS = 5000
/** What `*RST` and `CONF` set (docs/scpi.md#multimeter). */
const DEFAULT_NPLC = 10
const DEFAULT_SAMPLES = 1

/** The multimeter's driver over `transport`; `name` is what messages call it. */
export function createMultimeter(transport: Transport, name = 'multimeter'): Multimeter {
  const { channel, driver } = createTableDriver(transport, name, multimeterCommands)
  // Tracked so that a read gets a long enough timeout.
  let nplc = DEFAULT_NPLC
  let samples = DEFAULT_SAMPLES
  return {
    ...driver,
    async configureVoltageDc(range) {
      await driver.configureVoltageDc(range)
      nplc = DEFAULT_NPLC
      samples = DEFAULT_SAMPLES
    },
    async setNplc(n) {
      await driver.setNplc(n)
      nplc = n
    },
    async setSampleCount(n) {
      await driver.setSampleCount(n)
      samples = n
    },
    async setupVoltageDc(setup) {
      await sendSettings(channel, setup, {
        range: (range) => commandLine(multimeterCommands.configureVoltageDc, range),
        nplc: (n) => commandLine(multimeterCommands.setNplc, n),
        samples: (n) => commandLine(multimeterCommands.setSampleCount, n),
      })
      nplc = setup.nplc ?? DEFAULT_NPLC
      samples = setup.samples ?? DEFAULT_SAMPLES
    },
    read: () =>
      runCommand(channel, multimeterCommands.read, [], {
        timeoutMs: BASE_TIMEOUT_MS + 2000 * integrationTimeS(nplc, samples),
      }),
  }
}
