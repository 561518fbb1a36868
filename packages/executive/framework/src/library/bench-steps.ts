import type { Instrument, InstrumentSet } from '@dvt/drivers'
import { MAX_SOCKETS } from '@dvt/protocol'
import { socketReadingName } from '@dvt/storage/records'
import { z } from 'zod'
import { FrameworkError } from '../framework-error'
import type { DutSocket } from '../sockets'
import type { RecordConditions, TestContext } from '../test-definition'
import { mean } from './analysis'

/** The most `current_limit_a` may be: what supply output 1 gives, A. */
export const SUPPLY_MAX_CURRENT_A = 5
/** `current_limit_a` when not given: enough for one DUT, A. */
const DEFAULT_CURRENT_LIMIT_A = 1
/** Without `current_limit_a`, a board whose loads draw more than the default gets this much more than their draw. */
const CURRENT_LIMIT_MARGIN = 1.25

/** Parameters most tests share (snake_case like the config). */
export const benchParameters = {
  supply_v: z.number().min(0).max(6).default(5).describe('DUT input voltage from supply channel 1, V'),
  current_limit_a: z
    .number()
    .positive()
    .max(SUPPLY_MAX_CURRENT_A)
    .optional()
    .describe(
      `supply channel 1 current limit; it feeds every socket of the board [${DEFAULT_CURRENT_LIMIT_A} A, or 25 % above what the board's loads draw when that is more, at most ${SUPPLY_MAX_CURRENT_A} A], A`,
    ),
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
  sockets: z
    .array(z.number().int().min(1).max(MAX_SOCKETS))
    .min(1)
    .max(MAX_SOCKETS)
    .refine((list) => new Set(list).size === list.length, { message: 'each socket may be named once' })
    .optional()
    .describe(
      'the DUT sockets measured together in one run, sharing every wait; each result names its socket [socket] (docs/tests.md#board-wide-runs)',
    ),
}

type Ctx = TestContext<unknown, string>

/** The NPLC of the library's single fast readings: the dropout ramp and the load-step transient. */
export const FAST_READING_NPLC = 1

/** The shared parameters after validation. */
export type BenchParams = z.output<z.ZodObject<typeof benchParameters>>

export interface BenchSetup {
  supplyV: number
  /** The supply's current limit as given; undefined: enough for the board (see `current_limit_a`). */
  currentLimitA: number | undefined
  loadA: number
  /** The most any step loads each socket with [loadA]: the supply must feed it on every socket at once. */
  peakLoadA: number
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
    peakLoadA: overrides.loadA ?? p.load_a,
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
  return {
    rampCPerMin: p.ramp_c_per_min,
    pollS: p.poll_s,
    dwellS: p.dwell_s,
    maxSettleS: p.max_settle_s,
    windowC: p.window_c,
  }
}

/** The DUT sockets a run of the library measures, and how their results and readings are named. */
export interface Board {
  /** The sockets, in the order of the `sockets` parameter (else the one `socket`). */
  sockets: readonly DutSocket[]
  /**
   * The run names its sockets (`sockets` given): every result carries its socket and every raw reading is recorded
   * as `<parameter>_s<n>`. Otherwise the run measures one DUT as before: results with socket null, readings as named.
   */
  named: boolean
}

type BoardCtx = TestContext<Pick<BenchParams, 'socket' | 'sockets'>, string>

/** The board a test of the library measures: its `sockets` parameter, else `[socket]` (socket 1 costs no exchange). */
export async function boardUnderTest(ctx: BoardCtx): Promise<Board> {
  const { socket, sockets } = ctx.params
  const board: DutSocket[] = []
  for (const n of sockets ?? [socket]) board.push(await ctx.sockets.get(n))
  return { sockets: board, named: sockets !== undefined }
}

/** The one socket a step measures on its own (the load step): the first of the board. */
export async function socketUnderTest(ctx: BoardCtx): Promise<DutSocket> {
  return (await boardUnderTest(ctx)).sockets[0]!
}

/** Sets a measurement of one socket of the board (of the run's one DUT when the run does not name its sockets). */
export function measureOf(ctx: Ctx, board: Board, socket: DutSocket, name: string, value: number): void {
  ctx.measure(name, value, board.named ? { socket: socket.number } : {})
}

/** The name a raw reading of `socket` is recorded under: `<parameter>_s<n>` when the run names its sockets. */
export function readingName(board: Board, socket: DutSocket, parameter: string): string {
  return board.named ? socketReadingName(parameter, socket.number) : parameter
}

/** Stores a raw reading of one socket of the board (see {@link readingName}). */
export function recordOf(
  ctx: Ctx,
  board: Board,
  socket: DutSocket,
  parameter: string,
  value: number,
  unit: string,
  conditions?: RecordConditions,
): void {
  ctx.record(readingName(board, socket, parameter), value, unit, conditions)
}

/**
 * The supply's current limit for the board: `current_limit_a`, else enough for what its loads draw at most. Refuses
 * a board whose loads would draw more than that at once: supply output 1 feeds every socket, and past its limit it
 * goes constant-current and collapses every socket's V_out (docs/physics.md#sockets).
 */
function supplyCurrentLimit(board: Board, setup: BenchSetup): number {
  const count = board.sockets.length
  const total = count * setup.peakLoadA
  const given = setup.currentLimitA
  const limit = given ?? Math.min(SUPPLY_MAX_CURRENT_A, Math.max(DEFAULT_CURRENT_LIMIT_A, total * CURRENT_LIMIT_MARGIN))
  if (total <= limit) return limit
  const draw =
    count === 1 ? `${setup.peakLoadA} A` : `${Number(total.toFixed(6))} A (${count} sockets × ${setup.peakLoadA} A)`
  const fewer = count === 1 ? '' : ' or measure fewer sockets per run'
  const problem =
    given === undefined
      ? `more than its ${SUPPLY_MAX_CURRENT_A} A — lower the loads${fewer}`
      : `above current_limit_a ${given} A — raise current_limit_a (at most ${SUPPLY_MAX_CURRENT_A} A)${fewer}`
  throw new FrameworkError('FRAMEWORK_BAD_PARAMETER', `the loads draw up to ${draw} from the one supply, ${problem}`)
}

/** Every instrument the board's sockets are loaded and read through, each once, in order. */
function boardInstruments(board: Board): Instrument[] {
  return [...new Set(board.sockets.flatMap((socket) => socket.instruments))]
}

/**
 * Clears every error queue, sets the chamber up, powers the board, loads each socket and sets up its V_out
 * readings. On socket 1 alone these are the lines of the one-DUT bench; on another socket the log names its part.
 */
export async function configureBench(ctx: BoardCtx, setup: BenchSetup): Promise<void> {
  const board = await boardUnderTest(ctx)
  const currentLimit = supplyCurrentLimit(board, setup)
  const { chamber, supply } = ctx.instruments
  for (const instrument of [chamber, supply, ...boardInstruments(board)]) await instrument.clear()
  for (const socket of board.sockets) {
    if (socket.number !== 1)
      ctx.log.info(`testing socket ${socket.number}: ${(await socket.serial()) ?? 'serial unknown'}`)
  }
  await chamber.setRampRate(setup.rampCPerMin)
  await chamber.setWindow(setup.windowC)
  await chamber.setSoakTime(setup.soakS)
  await chamber.setFlow(true)
  await supply.configure(1, { voltage: setup.supplyV, currentLimit, output: true })
  for (const socket of board.sockets) {
    await socket.load.configure({ function: 'CURR', current: setup.loadA, input: setup.loadA > 0 })
  }
  await ctx.sockets.setupVouts(board.sockets, { range: 10, nplc: setup.nplc, samples: setup.samples })
}

export interface SettleOptions {
  rampCPerMin: number
  pollS: number
  dwellS: number
  maxSettleS: number
  /** The chamber's stability window, °C: a chamber already inside it needs no ramp time [always the ramp time]. */
  windowC?: number
}

/**
 * Sets the chamber and waits, in test-clock time, until it reports stable and the DUT case has
 * followed: first the ramp time it needs at the set rate (no polling while ramping; none when it already reads
 * inside the stability window of the setpoint), then `TECR?` every `pollS`, then a dwell so the air (τ 30 s)
 * converges on the setpoint and the DUT case (τ 5 s) follows it. A chamber already soaked at the setpoint (a
 * campaign's, docs/tests.md#campaign-steps) with `dwellS` 0 costs one reading, the setpoint and one poll.
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
  const inWindow = options.windowC !== undefined && Math.abs(setpoint - temperature) <= options.windowC
  const rampS = inWindow ? 0 : (Math.abs(setpoint - temperature) / options.rampCPerMin) * 60
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
  const [sample] = await sampleBoardVout(ctx, [socket])
  return sample!
}

/**
 * One V_out reading of each socket (the configured sample count; the switch/measure unit's sockets in one scan),
 * bracketed by two chamber readings: one sample per socket, in order, all at the same temperature.
 */
export async function sampleBoardVout(ctx: Ctx, sockets: readonly DutSocket[]): Promise<VoutSample[]> {
  const { chamber } = ctx.instruments
  const before = await chamber.readTemperature()
  const readings = await ctx.sockets.readVouts(sockets)
  const after = await chamber.readTemperature()
  const temperature = (before + after) / 2
  return readings.map((values) => ({ readings: values, vout: mean(values), temperature }))
}

export interface Conditions {
  temperature: number
  inputVoltage: number
  loadCurrent: number
}

/** Records each raw reading as `vout` and their mean as `vout_avg`, with the operating conditions. */
export function recordVout(
  ctx: Ctx,
  sample: VoutSample,
  conditions: Conditions,
  board?: Board,
  socket?: DutSocket,
): void {
  const at = { ...conditions, temperature: sample.temperature }
  const name = (parameter: string) => (board && socket ? readingName(board, socket, parameter) : parameter)
  for (const value of sample.readings) ctx.record(name('vout'), value, 'V', at)
  ctx.record(name('vout_avg'), sample.vout, 'V', at)
}

/** Supply voltage and the socket's load current as read back by the instruments (two round trips). */
export async function readConditions(ctx: Ctx, socket: DutSocket, temperature: number): Promise<Conditions> {
  const inputVoltage = await ctx.instruments.supply.measureVoltage(1)
  const loadCurrent = await socket.load.measureCurrent()
  return { temperature, inputVoltage, loadCurrent }
}

/** When a DUT counts as settled at a temperature: tempco and output_voltage. */
export const dutSettleParameters = {
  settle_drift_uv: z
    .number()
    .positive()
    .default(2)
    .describe('the DUT has settled when successive averaged V_out readings differ by less than this, µV'),
  settle_interval_s: z.number().positive().default(10).describe('time between the averaged readings compared, s'),
  max_drift_checks: z.number().int().min(1).default(12).describe('averaged readings compared at most per point'),
}

/** What {@link settleDuts} reads from its test's parameters. */
export type DutSettleParams = z.output<z.ZodObject<typeof dutSettleParameters>>

/** The DUT's nominal output voltage and the tolerance V_out is judged against: tempco and output_voltage. */
export const voutNominalParameters = {
  vout_nominal_v: z.number().positive().default(3.3).describe('nominal output voltage, V'),
  vout_tolerance_pct: z.number().positive().default(2).describe('allowed deviation of V_out from nominal, %'),
}

/** V_out's limits: nominal ± the tolerance. */
export function voutLimits(p: z.output<z.ZodObject<typeof voutNominalParameters>>): { lower: number; upper: number } {
  const tolerance = (p.vout_nominal_v * p.vout_tolerance_pct) / 100
  return { lower: p.vout_nominal_v - tolerance, upper: p.vout_nominal_v + tolerance }
}

/**
 * Waits until every socket's V_out stops drifting: successive averaged readings `settle_interval_s` apart must
 * differ by less than `settle_drift_uv`. One wait serves the whole board; a socket that has settled is not read
 * again. Returns each socket's settled averaged reading (or its last one, with a warning), in the board's order.
 */
export async function settleDuts(
  ctx: TestContext<DutSettleParams, string>,
  board: Board,
  setpoint: number,
): Promise<VoutSample[]> {
  const { settle_drift_uv: threshold, settle_interval_s: interval, max_drift_checks: checks } = ctx.params
  const { sockets } = board
  const previous = await sampleBoardVout(ctx, sockets)
  const drifts = sockets.map(() => Number.POSITIVE_INFINITY)
  const settled: (VoutSample | null)[] = sockets.map(() => null)
  for (let i = 0; i < checks; i++) {
    const waiting = sockets.flatMap((_, k) => (settled[k] === null ? [k] : []))
    await ctx.clock.wait(interval)
    const current = await sampleBoardVout(
      ctx,
      waiting.map((k) => sockets[k]!),
    )
    for (const [j, k] of waiting.entries()) {
      drifts[k] = Math.abs(current[j]!.vout - previous[k]!.vout) * 1e6
      previous[k] = current[j]!
      if (drifts[k]! < threshold) settled[k] = current[j]!
    }
    if (settled.every((sample) => sample !== null)) return settled as VoutSample[]
  }
  for (const [k, socket] of sockets.entries()) {
    if (settled[k] !== null) continue
    const which = board.named ? ` of socket ${socket.number}` : ''
    ctx.log.warn(
      `V_out${which} at ${setpoint} °C still moved ${drifts[k]!.toFixed(1)} µV in ${interval} s; using the last reading`,
    )
  }
  return sockets.map((_, k) => settled[k] ?? previous[k]!)
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

/** What a stepped quantity sets and reads back: the bench's instruments and the sockets under test. */
export interface SweptBench {
  instruments: InstrumentSet
  sockets: readonly DutSocket[]
}

/** A bench quantity a V_out sweep steps through at one chamber temperature (input voltage, load current). */
export interface SteppedQuantity<T> {
  /** What the progress line says about a value: `V_in 4 V`, `0.1 A`. */
  describe(value: T): string
  /** Sets the bench (the supply, or each socket's load) to a value. */
  apply(bench: SweptBench, value: T): Promise<void>
  /** The supply voltage and one socket's load current at a value, read back after V_out is sampled. */
  readBack(bench: SweptBench, socket: DutSocket, value: T): Promise<Omit<Conditions, 'temperature'>>
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

/** A stepped sweep of one socket of the board: its points in the order of the values. */
export interface SocketSweep {
  socket: DutSocket
  points: SweepPoint[]
}

/**
 * Settles the chamber at `temperature_c` once for the board, then for each value: progress `point k of n: …`, `apply`
 * (to every socket), one wait of `step_settle_s`, one {@link sampleBoardVout}, and for each socket the conditions
 * `readBack` returns, recorded with its readings. The points of each socket, in the board's order.
 */
export async function sweepVout<T>(
  ctx: TestContext<SteppedSweepParams, string>,
  values: readonly T[],
  quantity: SteppedQuantity<T>,
): Promise<{ board: Board; sweeps: SocketSweep[] }> {
  const p = ctx.params
  const board = await boardUnderTest(ctx)
  const bench = { instruments: ctx.instruments, sockets: board.sockets }
  await settleChamber(ctx, p.temperature_c, settleOptions(p))
  const sweeps = board.sockets.map((socket): SocketSweep => ({ socket, points: [] }))
  for (const [i, value] of values.entries()) {
    reportPoint(ctx, i, values.length, quantity.describe(value))
    await quantity.apply(bench, value)
    await ctx.clock.wait(p.step_settle_s)
    const samples = await sampleBoardVout(ctx, board.sockets)
    for (const [k, sweep] of sweeps.entries()) {
      const sample = samples[k]!
      const conditions = { temperature: sample.temperature, ...(await quantity.readBack(bench, sweep.socket, value)) }
      recordVout(ctx, sample, conditions, board, sweep.socket)
      sweep.points.push({ ...conditions, vout: sample.vout })
    }
  }
  return { board, sweeps }
}
