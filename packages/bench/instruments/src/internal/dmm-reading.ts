import type { BenchModel, IntegralName, SimClock } from '@dvt/physics'
import { formatNR3, ScpiExecutionError } from '@dvt/scpi'
import type { DmmFunction, DmmSettings } from './dmm-settings'

/** Readings one trigger cycle may take at most (trigger count × sample count). */
export const MAX_READINGS = 10_000

/** The multimeter's own state: its settings and the readings of the last `INITiate`. */
export interface DmmContext {
  readonly model: BenchModel
  readonly clock: SimClock
  settings: DmmSettings
  /** Readings of the last `INITiate` (pending until its integration time has passed). */
  acquisition: Promise<number[]> | undefined
  /** Set while an `INITiate` with `TRIGger:SOURce BUS` waits for `*TRG`. */
  armed: { fire(): void; cancel(): void } | undefined
  /** Told after every reading that advanced simulated time. */
  readonly timeAdvanced?: () => void
}

const QUANTITY: Readonly<Record<DmmFunction, IntegralName>> = {
  VOLT: 'vout',
  CURR: 'iout',
  RES: 'thermistor',
  FRES: 'thermistor',
}

/**
 * One reading: waits NPLC/50 s of simulated time, averages the quantity over that window from the model's
 * integrals, then applies range, overload and seeded noise. In `max` mode the window passes at once and the
 * reading is returned synchronously (the SCPI hot path then answers without a promise).
 */
export function measureOnce(ctx: DmmContext, fn: DmmFunction): number | Promise<number> {
  const { model } = ctx
  const name = QUANTITY[fn]
  const t0 = model.time
  const i0 = model.integral(name)
  const window = ctx.settings.functions[fn].nplc / 50
  if (ctx.clock.advanceNow(window)) return finishReading(ctx, fn, t0, i0)
  return ctx.clock.wait(window).then(() => finishReading(ctx, fn, t0, i0))
}

function finishReading(ctx: DmmContext, fn: DmmFunction, t0: number, i0: number): number {
  const { model } = ctx
  const settings = ctx.settings.functions[fn]
  const name = QUANTITY[fn]
  const elapsed = model.time - t0
  // A window shorter than one model step (or one cut by SIM:RESET) holds no integral: take the present value.
  const average = elapsed > 0 ? (model.integral(name) - i0) / elapsed : model.quantity(name)
  const reading = model.instrumentNoise.dmmReading(average, {
    function: fn === 'FRES' ? 'RES' : fn,
    range: settings.auto ? 'AUTO' : settings.range,
    nplc: settings.nplc,
  })
  if (settings.auto) settings.range = reading.range
  return reading.value
}

/**
 * Takes trigger count × sample count readings of the present function, one after the other: synchronously while
 * the clock lets time pass at once (`max`), else as a promise.
 */
export function acquire(ctx: DmmContext): number[] | Promise<number[]> {
  const { fn } = ctx.settings
  const total = readingCount(ctx)
  const readings: number[] = []
  while (readings.length < total) {
    const reading = measureOnce(ctx, fn)
    if (typeof reading !== 'number') return acquireRest(ctx, fn, total, readings, reading)
    readings.push(reading)
  }
  ctx.timeAdvanced?.()
  return readings
}

async function acquireRest(
  ctx: DmmContext,
  fn: DmmFunction,
  total: number,
  readings: number[],
  next: Promise<number>,
): Promise<number[]> {
  readings.push(await next)
  while (readings.length < total) readings.push(await measureOnce(ctx, fn))
  ctx.timeAdvanced?.()
  return readings
}

/** The readings as the multimeter answers them, now or when they are complete. */
export function formatAcquisition(readings: number[] | Promise<number[]>): string | Promise<string> {
  return Array.isArray(readings) ? formatReadings(readings) : readings.then(formatReadings)
}

/** Trigger count × sample count; −221 (before anything starts) when above {@link MAX_READINGS}. */
export function readingCount(ctx: DmmContext): number {
  const total = ctx.settings.triggerCount * ctx.settings.sampleCount
  if (total > MAX_READINGS) {
    throw new ScpiExecutionError(-221, `${total} readings requested; at most ${MAX_READINGS} per trigger cycle`)
  }
  return total
}

/**
 * `INITiate`: starts an acquisition whose readings `FETCh?` returns. With `TRIGger:SOURce BUS` it waits for
 * `*TRG` (see {@link trigger}); returns the pending acquisition when it started at once, else undefined.
 */
export function initiate(ctx: DmmContext): Promise<number[]> | undefined {
  readingCount(ctx)
  ctx.armed?.cancel()
  const bus = ctx.settings.triggerSource === 'BUS'
  const started = bus ? armed(ctx) : Promise.resolve(acquire(ctx))
  ctx.acquisition = started
  // FETCh? reports a failure; the stored promise itself must not count as unhandled.
  started.catch(() => undefined)
  return bus ? undefined : started
}

function armed(ctx: DmmContext): Promise<number[]> {
  return new Promise<number[]>((resolve, reject) => {
    const arm = {
      fire: () => {
        ctx.armed = undefined
        Promise.resolve(acquire(ctx)).then(resolve, reject)
      },
      cancel: () => {
        if (ctx.armed === arm) ctx.armed = undefined
        reject(new ScpiExecutionError(-213, 'the armed measurement was aborted'))
      },
    }
    ctx.armed = arm
  })
}

/** `*TRG`: starts the measurement an `INITiate` armed with `TRIGger:SOURce BUS`. */
export function trigger(ctx: DmmContext): void {
  ctx.armed?.fire()
}

/** `READ?`: an immediate trigger cycle; with `TRIGger:SOURce BUS` nothing could trigger it (−214). */
export function read(ctx: DmmContext): string | Promise<string> {
  if (ctx.settings.triggerSource === 'BUS') {
    throw new ScpiExecutionError(-214, 'READ? with TRIGger:SOURce BUS; use INIT, *TRG, FETCh?')
  }
  return formatAcquisition(acquire(ctx))
}

/** `FETCh?`: the readings of the last `INITiate`, once they are complete. */
export async function fetch(ctx: DmmContext): Promise<string> {
  if (ctx.acquisition === undefined) throw new ScpiExecutionError(-230, 'no readings; send INITiate first')
  return formatReadings(await ctx.acquisition)
}

export function formatReadings(readings: readonly number[]): string {
  return readings.map(formatNR3).join(',')
}
