import type { BenchModel, IntegralName } from '@dvt/physics'
import { CURRENT_SENSE_V_PER_A, MUX_BANKS, type MuxBank } from '@dvt/protocol'
import { ScpiExecutionError } from '@dvt/scpi'

/** DC-voltage ranges of the DAQ970A's internal 6½-digit DMM, V. */
export const MUX_RANGES: readonly number[] = [0.1, 1, 10, 100, 300]
/** Integration times it offers, in power-line cycles (a value in between rounds up). */
export const MUX_NPLC_VALUES: readonly number[] = [0.02, 0.2, 1, 2, 10, 20, 100, 200]
/** `*RST` integration time. */
export const MUX_DEFAULT_NPLC = 1
/** Reading noise: σ = 2 ppm of range / √NPLC (10 V range, 1 NPLC → 20 µV; 10 NPLC → 6.3 µV). */
export const MUX_NOISE_PPM_OF_RANGE = 2
/** It reads up to 120 % of a range; beyond is overload (`+9.90000000E+37`). */
export const MUX_OVERRANGE = 1.2
/** Resolution as a fraction of the range for each NPLC value (DAQ970A datasheet, rounded). */
const RESOLUTION_PPM: readonly number[] = [100, 10, 3, 2, 0.3, 0.2, 0.1, 0.06]

/** One channel's measurement settings (every channel measures DC volts). */
export interface ChannelSettings {
  /** A range from {@link MUX_RANGES}, or autorange. */
  range: number
  auto: boolean
  nplc: number
}

/** What one channel reads: a socket and its bank. */
export interface ChannelInput {
  readonly socket: number
  readonly bank: MuxBank
}

const INTEGRAL: Readonly<Record<MuxBank, IntegralName>> = { vout: 'vout', iin: 'iin' }
/** Volts at the DMM per unit of the integrated quantity: V_out as is, the input current through its sense amp. */
const SCALE: Readonly<Record<MuxBank, number>> = { vout: 1, iin: CURRENT_SENSE_V_PER_A }

/** `*RST` settings of a channel: autorange, 1 NPLC. */
export function defaultChannelSettings(): ChannelSettings {
  return { range: 10, auto: true, nplc: MUX_DEFAULT_NPLC }
}

/** The socket and bank a channel number reads; −222 for a channel with no socket on this board. */
export function channelInput(model: BenchModel, channel: number): ChannelInput {
  const count = model.sockets.length
  for (const bank of Object.keys(MUX_BANKS) as MuxBank[]) {
    const socket = channel - MUX_BANKS[bank]
    if (socket >= 1 && socket <= count) return { socket, bank }
  }
  const banks = Object.values(MUX_BANKS)
    .map((base) => `${base + 1}…${base + count}`)
    .join(', ')
  throw new ScpiExecutionError(-222, `channel ${channel} has no socket; this board has ${banks}`)
}

/** Checks every channel of a list (−222 names the first bad one) and returns them in order. */
export function checkChannels(model: BenchModel, list: readonly number[]): number[] {
  for (const channel of list) channelInput(model, channel)
  return [...list]
}

/** ∫ (the channel's DMM voltage) dt and its present value. */
export function channelIntegral(model: BenchModel, input: ChannelInput): number {
  return SCALE[input.bank] * model.socket(input.socket).integral(INTEGRAL[input.bank])
}

export function channelValue(model: BenchModel, input: ChannelInput): number {
  return SCALE[input.bank] * model.socket(input.socket).quantity(INTEGRAL[input.bank])
}

/** The smallest range that holds `value` (−222 above 300 V). */
export function rangeFor(value: number): number {
  const magnitude = Math.abs(value)
  const range = MUX_RANGES.find((r) => r >= magnitude * (1 - 1e-12))
  if (range === undefined) throw new ScpiExecutionError(-222, `range ${value} V above ${MUX_RANGES.at(-1)} V`)
  return range
}

/** Autorange: the smallest range ≥ 1.2 × |value|, else the largest. */
export function autoRange(value: number): number {
  const needed = Math.abs(value) * MUX_OVERRANGE
  return MUX_RANGES.find((r) => r >= needed) ?? (MUX_RANGES.at(-1) as number)
}

/** NPLC between the offered values rounds up to the next one; above 200 is −222. */
export function nplcFor(value: number): number {
  const nplc = MUX_NPLC_VALUES.find((n) => n >= value * (1 - 1e-12))
  if (nplc === undefined) throw new ScpiExecutionError(-222, `NPLC ${value} above ${MUX_NPLC_VALUES.at(-1)}`)
  return nplc
}

/** Resolution (V) of a reading at this range and NPLC. */
export function resolutionOf(range: number, nplc: number): number {
  return (RESOLUTION_PPM[MUX_NPLC_VALUES.indexOf(nplc)] ?? 0.3) * 1e-6 * range
}

/**
 * The shortest integration whose resolution at `range` is at least as fine as `resolution`; a resolution finer
 * than the longest integration gives is a settings conflict (−221), as on the DAQ970A.
 */
export function nplcForResolution(range: number, resolution: number): number {
  for (let i = 0; i < MUX_NPLC_VALUES.length; i++) {
    if ((RESOLUTION_PPM[i] ?? 0) * 1e-6 * range <= resolution * (1 + 1e-9)) return MUX_NPLC_VALUES[i] as number
  }
  throw new ScpiExecutionError(-221, `resolution ${resolution} V is finer than the ${range} V range can give`)
}
