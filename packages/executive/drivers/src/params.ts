import type { DriverParam } from './driver-table'
import { type ChannelList, formatChannelList, formatNumber } from './scpi-format'

/** SCPI words a numeric param also takes, by the value the method is given: `{ max: 'MAX' }`. */
export type NumericWords = Readonly<Record<string, string>>

/**
 * The param types of a driver table (docs/scpi.md#parameters). Each takes the name of its `{placeholder}`:
 * ```ts
 * setVoltage: { scpi: 'VOLT {volts},{channel}', params: [p.channels<SupplyChannel>('channel'), p.number('volts')] }
 * ```
 */
export const p = {
  /** A number without float noise (`0.1 + 0.2` → `0.3`), or one of `words`: `p.number('speed', { max: 'MAX' })`. */
  number<const W extends NumericWords = Record<never, string>>(name: string, words?: W): DriverParam<number | keyof W> {
    return { name, format: (value) => (typeof value === 'number' ? formatNumber(value) : words![value]!) }
  },
  /** A boolean as `ON`/`OFF`. */
  onOff(name: string): DriverParam<boolean> {
    return { name, format: (on) => (on ? 'ON' : 'OFF') }
  },
  /** A boolean as `1`/`0`. */
  bit(name: string): DriverParam<boolean> {
    return { name, format: (on) => (on ? '1' : '0') }
  },
  /** Character data, as given or as `toScpi` spells it: `p.word('target', faultShortWord)`. */
  word<W extends string = string>(name: string, toScpi: (word: W) => string = (word) => word): DriverParam<W> {
    return { name, format: toScpi }
  },
  /** A string, single-quoted with an embedded quote doubled (docs/scpi.md#parameters): `it's` → `'it''s'`. */
  string(name: string): DriverParam<string> {
    return { name, format: (text) => `'${text.replace(/'/g, "''")}'` }
  },
  /** A channel list: `1` → `(@1)`, `[[101, 108]]` → `(@101:108)`. */
  channels<C extends ChannelList = ChannelList>(name: string): DriverParam<C> {
    return { name, format: formatChannelList }
  },
  /** A header's numeric suffix, a whole number ≥ 1: `ISUM{channel}` → `ISUM3` (docs/scpi.md#numeric-suffixes). */
  suffix<N extends number = number>(name: string): DriverParam<N> {
    return {
      name,
      format(n) {
        if (!Number.isInteger(n) || n < 1) throw new RangeError(`cannot send the header suffix ${n} to an instrument`)
        return String(n)
      },
    }
  },
}
