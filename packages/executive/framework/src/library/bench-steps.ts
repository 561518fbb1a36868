import type { InstrumentSet } from '@dvt/drivers'
import { MAX_SOCKETS } from '@dvt/protocol'
import { z } from 'zod'
import type { DutSocket } from '../sockets'
import type { TestContext } from '../test-definition'
import { mean } from './analysis'

/** Parameters most tests share (snake_case like the config). */
export const benchParameters = {
  supply_v: z.number().min(0).max(6).default(5).describe('DUT input voltage from supply channel 1, V'),
  current_limit_a: z.number().positive().max(5).default(1).describe('supply channel 1 current limit, A'),
  load_a: z.number().min(0).max(0.6).default(0.1).describe('electronic load current, A'),
  ramp_c_per_min: z.number().positive().max(60).default(10).describe('chamber ramp rate, °C/min'),
  window_c: z.number().positive().default(0.5).describe('chamber stability window, °C'),
  soak_s: z.number().min(0).default(30).describe('time in the window before the chamber counts as stable, s'),
  poll_s: z.number().positive().default(5).describe('how often the chamber is polled while settling, s'),
  dwell_s: z
    .number()
    .min(0)
    .default(150)
    .describe('dwell after the chamber reports stable: 5 τ of the chamber air (30 s), far more than the case (5 s), s'),
  max_settle_s: z.number().positive().default(1800).describe('give up if the chamber is not stable after this, s'),
  samples: z.number().int().min(1).max(1000).default(10).describe('DMM readings averaged per point'),
  nplc: z.number().positive().max(100).default(10).describe('DMM integration time, power-line cycles'),
  socket: z
    .number()
    .int()
    .min(1)
    .max(MAX_SOCKETS)
    .default(1)
    .describe('the DUT socket tested: its V_out, load channel and input current (docs/tests.md#sockets)'),
}

type Ctx = TestContext<unknown, string>

/** The NPLC of the library's single fast readings: the dropout ramp and the load-step transient. */
export const FAST_READING_NPLC = 1

/** The shared parameters after validation. */
export type BenchParams = z.output<z.ZodObject<typeof benchParameters>>

export interface BenchSetup {
  supplyV: number
  currentLimitA: number
  loadA: number
  rampCPerMin: number
  windowC: number
  soakS: number
  nplc: number
  samples: number
}

/** The bench set-up the shared parameters describe. */
export function benchSetup(p: BenchParams, overrides: Partial<BenchSetup> = {}): BenchSetup {
  return {
    supplyV: p.supply_v,
    currentLimitA: p.current_limit_a,
    loadA: p.load_a,
    rampCPerMin: p.ramp_c_per_min,
    windowC: p.window_c,
    soakS: p.soak_s,
    nplc: p.nplc,
    samples: p.samples,
    ...overrides,
  }
}

/** Chamber settling options from the shared parameters. */
export function settleOptions(p: BenchParams): SettleOptions {
  return { rampCPerMin: p.ramp_c_per_min, pollS: p.poll_s, dwellS: p.dwell_s, maxSettleS: p.max_settle_s }
}

/** The socket a test of the library measures: its `socket` parameter (socket 1 costs no exchange). */
export function socketUnderTest(ctx: TestContext<Pick<BenchParams, 'socket'>, string>): Promise<DutSocket> {
  return ctx.sockets.get(ctx.params.socket)
}

/**
 * Clears every error queue, sets the chamber up, powers the board, loads the socket and sets up its V_out
 * readings. On socket 1 these are the lines of the one-DUT bench; on another socket the log names its part.
 */
export async function configureBench(
  ctx: TestContext<Pick<BenchParams, 'socket'>, string>,
  setup: BenchSetup,
): Promise<void> {
  const socket = await socketUnderTest(ctx)
  const { chamber, supply } = ctx.instruments
  for (const instrument of [chamber, supply, ...socket.instruments]) await instrument.clear()
  if (socket.number !== 1)
    ctx.log.info(`testing socket ${socket.number}: ${(await socket.serial()) ?? 'serial unknown'}`)
  await chamber.setRampRate(setup.rampCPerMin)
  await chamber.setWindow(setup.windowC)
  await chamber.setSoakTime(setup.soakS)
  await chamber.setFlow(true)
  await supply.configure(1, { voltage: setup.supplyV, currentLimit: setup.currentLimitA, output: true })
  await socket.load.configure({ function: 'CURR', current: setup.loadA, input: setup.loadA > 0 })
  await socket.setupVout({ range: 10, nplc: setup.nplc, samples: setup.samples })
}

export interface SettleOptions {
  rampCPerMin: number
  pollS: number
  dwellS: number
  maxSettleS: number
}

/**
 * Sets the chamber and waits, in test-clock time, until it reports stable and the DUT case has
 * followed: first the ramp time it needs at the set rate (no polling while ramping), then `TECR?`
 * every `pollS`, then a dwell so the air (τ 30 s) converges on the setpoint and the DUT case (τ 5 s)
 * follows it.
 */
export async function settleChamber(
  ctx: Pick<Ctx, 'instruments' | 'clock'>,
  setpoint: number,
  options: SettleOptions,
): Promise<number> {
  const { chamber } = ctx.instruments
  const start = ctx.clock.now()
  const { temperature } = await chamber.read()
  await chamber.setSetpoint(setpoint)
  const rampS = (Math.abs(setpoint - temperature) / options.rampCPerMin) * 60
  if (rampS > 0) await ctx.clock.wait(rampS)
  for (;;) {
    const reading = await chamber.read()
    if (reading.stable) break
    if (ctx.clock.now() - start > options.maxSettleS) {
      throw new Error(
        `the chamber did not become stable at ${setpoint} °C within ${options.maxSettleS} s (it reads ${reading.temperature} °C)`,
      )
    }
    await ctx.clock.wait(options.pollS)
  }
  if (options.dwellS > 0) await ctx.clock.wait(options.dwellS)
  return ctx.clock.now() - start
}

export interface VoutSample {
  readings: number[]
  vout: number
  /** Mean of the chamber readings just before and after the DMM readings, °C. */
  temperature: number
}

/** One V_out reading of the socket (the configured sample count) bracketed by two chamber readings. */
export async function sampleVout(ctx: Ctx, socket: DutSocket): Promise<VoutSample> {
  const { chamber } = ctx.instruments
  const before = await chamber.readTemperature()
  const readings = await socket.readVout()
  const after = await chamber.readTemperature()
  return { readings, vout: mean(readings), temperature: (before + after) / 2 }
}

export interface Conditions {
  temperature: number
  inputVoltage: number
  loadCurrent: number
}

/** Records each raw reading as `vout` and their mean as `vout_avg`, with the operating conditions. */
export function recordVout(ctx: Ctx, sample: VoutSample, conditions: Conditions): void {
  const at = { ...conditions, temperature: sample.temperature }
  for (const value of sample.readings) ctx.record('vout', value, 'V', at)
  ctx.record('vout_avg', sample.vout, 'V', at)
}

/** Supply voltage and the socket's load current as read back by the instruments (two round trips). */
export async function readConditions(ctx: Ctx, socket: DutSocket, temperature: number): Promise<Conditions> {
  const inputVoltage = await ctx.instruments.supply.measureVoltage(1)
  const loadCurrent = await socket.load.measureCurrent()
  return { temperature, inputVoltage, loadCurrent }
}

/** Progress on point `index` (from 0) of `count`: `point 2 of 5: <message>`. */
export function reportPoint(ctx: Ctx, index: number, count: number, message: string): void {
  ctx.progress({ point: index + 1, of: count, message: `point ${index + 1} of ${count}: ${message}` })
}

/**
 * Visits chamber setpoints in order: for each, progress `point k of n: settling at T °C`, {@link settleChamber}, then
 * `atPoint`, which can report more progress on the same point. Returns what `atPoint` returned, point by point.
 */
export async function visitSetpoints<T>(
  ctx: Ctx,
  setpoints: readonly number[],
  settle: SettleOptions,
  atPoint: (setpoint: number, report: (message: string) => void) => Promise<T>,
): Promise<T[]> {
  const results: T[] = []
  for (const [i, setpoint] of setpoints.entries()) {
    const report = (message: string) => reportPoint(ctx, i, setpoints.length, message)
    report(`settling at ${setpoint} °C`)
    await settleChamber(ctx, setpoint, settle)
    results.push(await atPoint(setpoint, report))
  }
  return results
}

/** What a stepped quantity sets and reads back: the bench's instruments and the socket under test. */
export interface SweptBench {
  instruments: InstrumentSet
  socket: DutSocket
}

/** A bench quantity a V_out sweep steps through at one chamber temperature (input voltage, load current). */
export interface SteppedQuantity<T> {
  /** What the progress line says about a value: `V_in 4 V`, `0.1 A`. */
  describe(value: T): string
  /** Sets the bench (the supply, or the socket's load) to a value. */
  apply(bench: SweptBench, value: T): Promise<void>
  /** The supply voltage and the socket's load current at a value, read back after V_out is sampled. */
  readBack(bench: SweptBench, value: T): Promise<Omit<Conditions, 'temperature'>>
}

/** What a stepped sweep reads from its test's parameters besides the shared ones. */
export interface SteppedSweepParams extends BenchParams {
  /** The chamber temperature, °C. */
  temperature_c: number
  /** The wait after each step, s. */
  step_settle_s: number
}

/** One point of a stepped sweep: its conditions as read back and the mean V_out. */
export interface SweepPoint extends Conditions {
  vout: number
}

/**
 * Settles the chamber at `temperature_c`, then for each value: progress `point k of n: …`, `apply`, a wait of
 * `step_settle_s`, one {@link sampleVout} recorded with the conditions `readBack` returns.
 */
export async function sweepVout<T>(
  ctx: TestContext<SteppedSweepParams, string>,
  values: readonly T[],
  quantity: SteppedQuantity<T>,
): Promise<SweepPoint[]> {
  const p = ctx.params
  const bench = { instruments: ctx.instruments, socket: await socketUnderTest(ctx) }
  await settleChamber(ctx, p.temperature_c, settleOptions(p))
  const points: SweepPoint[] = []
  for (const [i, value] of values.entries()) {
    reportPoint(ctx, i, values.length, quantity.describe(value))
    await quantity.apply(bench, value)
    await ctx.clock.wait(p.step_settle_s)
    const sample = await sampleVout(ctx, bench.socket)
    const conditions = { temperature: sample.temperature, ...(await quantity.readBack(bench, value)) }
    recordVout(ctx, sample, conditions)
    points.push({ ...conditions, vout: sample.vout })
  }
  return points
}
