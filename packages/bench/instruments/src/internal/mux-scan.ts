import type { BenchModel, SimClock } from '@dvt/physics'
import { DMM_OVERLOAD } from '@dvt/physics'
import { ScpiExecutionError } from '@dvt/scpi'
import {
  autoRange,
  type ChannelSettings,
  channelInput,
  channelIntegral,
  channelValue,
  defaultChannelSettings,
  MUX_NOISE_PPM_OF_RANGE,
  MUX_OVERRANGE,
} from './mux-settings'

/** The switch/measure unit's own state: relays, per-channel settings, the scan list and its last readings. */
export interface MuxContext {
  readonly model: BenchModel
  readonly clock: SimClock
  /** Settings of each channel configured so far; the others have the `*RST` settings. */
  settings: Map<number, ChannelSettings>
  /** Channels closed with `ROUTe:CLOSe` (at most one: it connects that channel to the internal DMM). */
  closed: Set<number>
  /** `ROUTe:SCAN` (also set by `CONFigure` and `MEASure?`), in order. */
  scanList: number[]
  /** Readings of the last `INITiate` (pending until every channel's integration time has passed). */
  acquisition: Promise<number[]> | undefined
  /** Told after a scan that advanced simulated time. */
  readonly timeAdvanced?: () => void
}

/** A channel's settings, created with the `*RST` values on first use. */
export function settingsOf(ctx: MuxContext, channel: number): ChannelSettings {
  let settings = ctx.settings.get(channel)
  if (settings === undefined) {
    settings = defaultChannelSettings()
    ctx.settings.set(channel, settings)
  }
  return settings
}

/**
 * One reading of `channel`: integrates over NPLC/50 s of simulated time from the model's integrals, then range,
 * overload and seeded noise. Synchronous while the clock lets time pass at once (`max`), else a promise.
 */
function readChannel(ctx: MuxContext, channel: number): number | Promise<number> {
  const input = channelInput(ctx.model, channel)
  const t0 = ctx.model.time
  const i0 = channelIntegral(ctx.model, input)
  const window = settingsOf(ctx, channel).nplc / 50
  const finish = () => {
    const elapsed = ctx.model.time - t0
    // A window shorter than one model step (or one cut by SIM:RESET) holds no integral: take the present value.
    const average = elapsed > 0 ? (channelIntegral(ctx.model, input) - i0) / elapsed : channelValue(ctx.model, input)
    return finishReading(ctx, channel, average)
  }
  if (ctx.clock.advanceNow(window)) return finish()
  return ctx.clock.wait(window).then(finish)
}

function finishReading(ctx: MuxContext, channel: number, average: number): number {
  const settings = settingsOf(ctx, channel)
  const range = settings.auto ? autoRange(average) : settings.range
  if (settings.auto) settings.range = range
  if (!Number.isFinite(average) || Math.abs(average) > range * MUX_OVERRANGE) return DMM_OVERLOAD
  const sigma = (MUX_NOISE_PPM_OF_RANGE * 1e-6 * range) / Math.sqrt(settings.nplc)
  return average + ctx.model.instrumentNoise.gaussian(sigma)
}

/**
 * What a trigger measures: the scan list (its closed channels are opened first, as a scan does), else the one
 * closed channel; with neither there is nothing to measure (−221).
 */
function channelsToRead(ctx: MuxContext): number[] {
  if (ctx.scanList.length > 0) {
    ctx.closed.clear()
    return ctx.scanList
  }
  if (ctx.closed.size === 1) return [...ctx.closed]
  throw new ScpiExecutionError(-221, 'nothing to measure; send ROUTe:SCAN (@…) or CONFigure … (@…) first')
}

/** Reads every channel to read, one after the other, each taking its integration time. */
export function scan(ctx: MuxContext): number[] | Promise<number[]> {
  const channels = [...channelsToRead(ctx)]
  const readings: number[] = []
  while (readings.length < channels.length) {
    const reading = readChannel(ctx, channels[readings.length] as number)
    if (typeof reading !== 'number') return scanRest(ctx, channels, readings, reading)
    readings.push(reading)
  }
  ctx.timeAdvanced?.()
  return readings
}

async function scanRest(ctx: MuxContext, channels: number[], readings: number[], next: Promise<number>) {
  readings.push(await next)
  while (readings.length < channels.length) readings.push(await readChannel(ctx, channels[readings.length] as number))
  ctx.timeAdvanced?.()
  return readings
}

/** `INITiate`: starts a scan whose readings `FETCh?` returns. */
export function initiate(ctx: MuxContext): Promise<number[]> {
  const started = Promise.resolve(scan(ctx))
  ctx.acquisition = started
  // FETCh? reports a failure; the stored promise itself must not count as unhandled.
  started.catch(() => undefined)
  return started
}

/** `FETCh?`: the readings of the last `INITiate`, once they are complete. */
export async function fetch(ctx: MuxContext): Promise<number[]> {
  if (ctx.acquisition === undefined) throw new ScpiExecutionError(-230, 'no readings; send INITiate first')
  return await ctx.acquisition
}
