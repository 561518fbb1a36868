import type { Transport } from '@dvt/transports'
import { commandLine, type DriverMethods, defineDriverCommands } from './driver-table'
import { createTableDriver, type Instrument } from './instrument'
import { queryJoined, queryOf, runCommand } from './internal/bind-commands'
import { readingTimeoutMs } from './internal/reading-timeout'
import type { MultimeterRange } from './multimeter'
import { p } from './params'
import { r } from './replies'
import { type ChannelList, channelsOf } from './scpi-format'

/** What {@link DataAcquisition.setupScan} sets on the channels it scans. */
export interface ScanSetup {
  /** DC volts range of every channel, or autorange [autorange]. */
  range?: MultimeterRange
  /** Integration time of every channel in power-line cycles (50 Hz) [the instrument's default]. */
  nplc?: number
}

const channels = p.channels<ChannelList>('channels')

/** The DAQ970A (docs/scpi.md#switchmeasure-unit): one row per {@link DataAcquisition} method. */
export const daqCommands = defineDriverCommands({
  /** Closes the channels' relays. */
  closeChannels: { scpi: 'ROUT:CLOS {channels}', params: [channels] },
  /** Opens the channels' relays. */
  openChannels: { scpi: 'ROUT:OPEN {channels}', params: [channels] },
  /** Whether each channel's relay is closed, in the order of the list. */
  closedStates: { scpi: 'ROUT:CLOS? {channels}', params: [channels], reply: r.flags() },
  /** Configures the channels for DC volts, autorange, the default integration time. */
  configureVoltageDc: { scpi: 'CONF:VOLT:DC {channels}', params: [channels], unit: 'V' },
  /** Configures the channels for DC volts on a fixed range (or `AUTO`). */
  configureVoltageDcRange: {
    scpi: 'CONF:VOLT:DC {range},{channels}',
    params: [channels, p.number('range', { AUTO: 'AUTO' })],
    unit: 'V',
  },
  /** Sets the channels' integration time in power-line cycles (50 Hz). */
  setNplc: { scpi: 'VOLT:DC:NPLC {nplc},{channels}', params: [channels, p.number('nplc')] },
  /** Sets the scan list: the channels {@link DataAcquisition.read} and {@link DataAcquisition.fetch} read. */
  setScan: { scpi: 'ROUT:SCAN {channels}', params: [channels] },
  /** Starts a scan (overlapped: collect it with {@link DataAcquisition.fetch}). */
  initiate: { scpi: 'INIT' },
  /** The readings of the last scan, one per channel of the scan list, in its order. */
  fetch: { scpi: 'FETC?', reply: r.numbers(), unit: 'V' },
  /** Scans once and answers one reading per channel of the scan list, in its order. */
  read: { scpi: 'READ?', reply: r.numbers(), unit: 'V' },
  /** Configures the channels for DC volts, scans them once and answers one reading per channel. */
  measureVoltageDc: { scpi: 'MEAS:VOLT:DC? {channels}', params: [channels], reply: r.numbers(), unit: 'V' },
})

/** A Keysight DAQ970A-style switch/measure unit (docs/scpi.md#switchmeasure-unit). */
export interface DataAcquisition extends Instrument, DriverMethods<typeof daqCommands> {
  /** DC volts on the channels with their range and integration time, and the scan list, in one line. */
  setupScan(list: ChannelList, setup?: ScanSetup): Promise<void>
  /**
   * `count` scans of the scan list, many `READ?` per line (answered joined by `;`), so averaging readings costs a
   * few round trips. One array of readings per scan.
   */
  readScans(count: number): Promise<number[][]>
}

/**
 * The integration time a channel is taken to have until the driver set it: longer than the instrument's default,
 * so that a reading's timeout is never too short.
 */
const ASSUMED_NPLC = 10
/** `READ?` per line in {@link DataAcquisition.readScans}: keeps a line short (docs/scpi.md#input-lines). */
const READS_PER_LINE = 100

/** The switch/measure unit's driver over `transport`; `name` is what messages call it. */
export function createDataAcquisition(transport: Transport, name = 'switch/measure unit'): DataAcquisition {
  const { channel, driver } = createTableDriver(transport, name, daqCommands)
  // Tracked so that a scan gets a long enough timeout: integration time by channel, and the scan list.
  const nplcOf = new Map<number, number>()
  let scan: number[] = []
  // CONFigure and MEASure set the channels' integration time back to the default and make them the scan list.
  const configured = (list: ChannelList) => {
    scan = channelsOf(list)
    for (const ch of scan) nplcOf.delete(ch)
  }
  const scanTimeout = (count = 1) => {
    const plc = scan.reduce((sum, ch) => sum + (nplcOf.get(ch) ?? ASSUMED_NPLC), 0)
    return { timeoutMs: readingTimeoutMs(plc, count) }
  }
  return {
    ...driver,
    async configureVoltageDc(list) {
      await driver.configureVoltageDc(list)
      configured(list)
    },
    async configureVoltageDcRange(list, range) {
      await driver.configureVoltageDcRange(list, range)
      configured(list)
    },
    async setNplc(list, nplc) {
      await driver.setNplc(list, nplc)
      for (const ch of channelsOf(list)) nplcOf.set(ch, nplc)
    },
    async setScan(list) {
      await driver.setScan(list)
      scan = channelsOf(list)
    },
    async setupScan(list, setup = {}) {
      const lines = [
        commandLine(daqCommands.configureVoltageDcRange, list, setup.range ?? 'AUTO'),
        ...(setup.nplc === undefined ? [] : [commandLine(daqCommands.setNplc, list, setup.nplc)]),
        commandLine(daqCommands.setScan, list),
      ]
      await channel.command(lines.join(';:'))
      configured(list)
      if (setup.nplc !== undefined) for (const ch of scan) nplcOf.set(ch, setup.nplc)
    },
    read: () => runCommand(channel, daqCommands.read, [], scanTimeout()),
    fetch: () => runCommand(channel, daqCommands.fetch, [], scanTimeout()),
    measureVoltageDc: (list) => {
      configured(list)
      return runCommand(channel, daqCommands.measureVoltageDc, [list], scanTimeout())
    },
    async readScans(count) {
      const query = queryOf(daqCommands.read)
      const scans: number[][] = []
      for (let left = count; left > 0; left -= READS_PER_LINE) {
        const n = Math.min(left, READS_PER_LINE)
        const queries = Array.from({ length: n }, () => query)
        scans.push(...(await queryJoined(channel, queries, scanTimeout(n))))
      }
      return scans
    },
  }
}
