import {
  type AveragedPoint,
  averagedPoints,
  chamberReadingErrors,
  linearRegression,
  mean,
  type RunData,
} from '@dvt/analysis'
import { integrationTimeS } from '@dvt/drivers'
import { FAST_READING_NPLC } from '@dvt/framework'
import type { MeasurementRow } from '@dvt/storage'

/** The operating point a test set up: chamber air, input voltage, load current (0 = load input off). */
export interface Condition {
  temperature: number
  vin: number
  load: number
}

/** What an observation's expected noise is built from (docs/twin.md#noise). */
export interface ObservationNoise {
  /** The raw readings averaged into the observation. */
  readings: number[]
  /** How their scatter is taken: their variance, or half the mean squared step (readings along a slow drift). */
  spread: 'variance' | 'steps'
  /** How far an error of the chamber reading moves the observation, per °C. */
  perDegree: number
}

/** A measured value the model must reproduce; readings of one group share one noise level. */
export interface Observation {
  group: string
  y: number
  /** Null where the readings carry nothing to estimate the noise from (each transient reading is single). */
  noise: ObservationNoise | null
}

/** A reading taken at steady state (the tempco and I_q sweeps settle far longer than the DUT needs). */
export interface SteadyReading {
  condition: Condition
  quantity: 'vout' | 'iq'
  observation: number
}

/** A reading inside a sequence: V_out, or V_in − V_out in dropout; several may average into one observation. */
export interface SequenceReading {
  quantity: 'vout' | 'dropout'
  observation: number
  /** The chamber reading recorded with it, °C (the air itself stays at the sequence's temperature). */
  temperature: number
  /** Index of the unknown offset the model adds (a transient, whose readings share one chamber reading). */
  offset: number | null
}

/** One setting of a sequence: held for `holdS`, then a reading integrating over `windowS` (or just that time). */
export interface Segment {
  vin: number
  load: number
  holdS: number
  windowS: number
  reading: SequenceReading | null
}

/** A test's procedure as it ran at one chamber temperature: from steady state at `start`, setting after setting. */
export interface Sequence {
  start: Condition
  segments: Segment[]
}

/** Everything `dvt fit` takes from a set of runs (docs/twin.md#what-the-fit-reads). */
export interface TwinData {
  observations: Observation[]
  steady: SteadyReading[]
  sequences: Sequence[]
  /** How many unknown offsets the sequences use (one per recorded load step). */
  offsets: number
  /** Each recorded chamber temperature less the setpoint it was read at: the chamber reading's own error. */
  temperatureErrors: number[]
}

/** The ramp readings this far below the ramp's regulated level are in dropout for certain (the noise is µV). */
const DROPOUT_MARGIN_V = 0.005
const FAST_WINDOW_S = integrationTimeS(FAST_READING_NPLC)

const numbers = (value: unknown): number[] =>
  Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []
const number = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback)

/** The commanded value nearest a read-back (the sources set to 1 mV / 1 mA; their read-backs are noisier). */
function commanded(readBack: number | null, candidates: readonly number[]): number {
  if (readBack === null || candidates.length === 0) return readBack ?? 0
  return candidates.reduce((best, c) => (Math.abs(c - readBack) < Math.abs(best - readBack) ? c : best))
}

/** What the runs' own results say about the slopes against temperature (first guesses for the noise budget). */
interface Slopes {
  /** Relative tempco of V_out, per °C. */
  vout: number
  /** Relative tempco of I_q, per °C. */
  iq: number
}

function slopesOf(runs: readonly RunData[]): Slopes {
  const result = (name: string) => runs.flatMap((r) => r.results).find((r) => r.parameter === name)?.value
  return { vout: (result('tempco_ppm_per_c') ?? 50) * 1e-6, iq: (result('iq_tempco_pct_per_c') ?? 0.3) / 100 }
}

/** Collects observations and the readings that predict them. */
function createCollector(slopes: Slopes) {
  const data: TwinData = { observations: [], steady: [], sequences: [], offsets: 0, temperatureErrors: [] }
  const observe = (group: string, y: number, noise: ObservationNoise | null = null) =>
    data.observations.push({ group, y, noise }) - 1
  /** An averaged point: its readings and how the chamber reading's error moves it. */
  const observePoint = (group: string, point: AveragedPoint, relativeSlope: number) => {
    const { row, readings } = point
    return observe(group, row.value, { readings, spread: 'variance', perDegree: Math.abs(row.value * relativeSlope) })
  }
  return { data, observe, observePoint, slopes }
}
type Collector = ReturnType<typeof createCollector>

/** How long one averaged reading of a run integrates (`samples` readings at `nplc`). */
const averagingWindow = (run: RunData['run']) =>
  integrationTimeS(number(run.parameters.nplc, 10), number(run.parameters.samples, 10))

function steadySweep(c: Collector, { run, measurements }: RunData, parameter: string, quantity: 'vout' | 'iq') {
  const vin = number(run.parameters.supply_v, 5)
  const load = quantity === 'iq' ? 0 : number(run.parameters.load_a, 0.1)
  const slope = quantity === 'iq' ? c.slopes.iq : c.slopes.vout
  for (const point of averagedPoints(measurements, parameter)) {
    const { row } = point
    if (row.temperature === null) continue
    const observation = c.observePoint(run.test, point, slope)
    c.data.steady.push({ condition: { temperature: row.temperature, vin, load }, quantity, observation })
  }
}

/** An averaged V_out point of a stepped sweep, held `holdS` at its setting. */
function sweepSegment(c: Collector, group: string, point: AveragedPoint, setting: Omit<Segment, 'reading'>): Segment {
  const observation = c.observePoint(group, point, c.slopes.vout)
  const reading = { quantity: 'vout' as const, observation, temperature: point.row.temperature!, offset: null }
  return { ...setting, reading }
}

const airOf = (rows: readonly MeasurementRow[]) => mean(rows.map((r) => r.temperature!))

/** load_regulation: the load sweep, then (when recorded) the load step's levels and its transient, in order. */
function loadRegulation(c: Collector, data: RunData) {
  const { run, measurements } = data
  const loads = numbers(run.parameters.loads_a)
  const vin = number(run.parameters.supply_v, 5)
  const hold = number(run.parameters.step_settle_s, 30)
  const window = averagingWindow(run)
  const sweep = averagedPoints(measurements, 'vout_avg').filter((p) => p.row.temperature !== null)
  const levels = averagedPoints(measurements, 'vout_step_avg').filter((p) => p.row.temperature !== null)
  if (sweep.length === 0 || loads.length === 0) return
  const air = airOf([...sweep, ...levels].map((p) => p.row))
  const segments = sweep.map((p) =>
    sweepSegment(c, run.test, p, {
      vin,
      load: commanded(p.row.loadCurrent, loads),
      holdS: hold,
      windowS: window,
    }),
  )
  const step = measurements.find((r) => r.parameter === 'load_step')
  if (step && levels.length === 2 && step.inputVoltage !== null) {
    const stepVin = step.inputVoltage
    const settle = number(run.parameters.transient_s, 0)
    const [before, after] = levels
    const level = { vin: stepVin, windowS: window }
    segments.push(sweepSegment(c, run.test, before!, { ...level, load: loads[0]!, holdS: settle }))
    const offset = c.data.offsets++
    let previous = step.simTime
    for (const r of measurements.filter((m) => m.parameter === 'vout_transient' && m.simTime > step.simTime)) {
      const observation = c.observe('load_step', r.value)
      const reading = { quantity: 'vout' as const, observation, temperature: air, offset }
      const holdS = Math.max(r.simTime - previous - FAST_WINDOW_S, 0)
      segments.push({ vin: stepVin, load: step.value, holdS, windowS: FAST_WINDOW_S, reading })
      previous = r.simTime
    }
    segments.push(sweepSegment(c, run.test, after!, { ...level, load: step.value, holdS: 0 }))
  }
  c.data.sequences.push({ start: { temperature: air, vin, load: loads[0]! }, segments })
}

/** line_regulation: from steady state at `supply_v`, each input voltage held `step_settle_s`. */
function lineRegulation(c: Collector, { run, measurements }: RunData) {
  const vins = numbers(run.parameters.vins_v)
  const load = number(run.parameters.load_a, 0.1)
  const hold = number(run.parameters.step_settle_s, 30)
  const window = averagingWindow(run)
  const sweep = averagedPoints(measurements, 'vout_avg').filter((p) => p.row.temperature !== null)
  if (sweep.length === 0) return
  const air = airOf(sweep.map((p) => p.row))
  const segments = sweep.map((p) =>
    sweepSegment(c, run.test, p, {
      vin: commanded(p.row.inputVoltage, vins),
      load,
      holdS: hold,
      windowS: window,
    }),
  )
  c.data.sequences.push({ start: { temperature: air, vin: number(run.parameters.supply_v, 5), load }, segments })
}

/**
 * dropout: each corner from steady state at `supply_v`, the ramp's steps held as recorded; the readings in dropout
 * average into one observation per corner (they share the corner's one chamber reading).
 */
function dropout(c: Collector, { run, measurements }: RunData) {
  const load = number(run.parameters.load_a, 0.1)
  const corners = measurements.flatMap((regulated) => {
    if (regulated.parameter !== 'vout_regulated' || regulated.temperature === null) return []
    const ramp = measurements.filter(
      (r) => r.parameter === 'vout_ramp' && r.temperature === regulated.temperature && r.inputVoltage !== null,
    )
    if (ramp.length < 2) return []
    const level = Math.max(...ramp.map((r) => r.value))
    const inDropout = ramp.filter((r) => r.value < level - DROPOUT_MARGIN_V)
    const readings = inDropout.map((r) => r.inputVoltage! - r.value)
    return inDropout.length === 0 ? [] : [{ regulated, temperature: regulated.temperature, ramp, inDropout, readings }]
  })
  const exponent = dropoutExponent(corners.map((k) => ({ temperature: k.temperature, vdo: mean(k.readings) })))
  for (const { regulated, temperature, ramp, inDropout, readings } of corners) {
    // V_do ∝ T^n: an error of the chamber reading of 1 °C moves it by n·V_do/T.
    const perDegree = (exponent * mean(readings)) / (temperature + 273.15)
    const observation = c.observe(run.test, mean(readings), { readings, spread: 'steps', perDegree })
    const hold = ramp[1]!.simTime - ramp[0]!.simTime
    const segments = ramp.map((r, i) => ({
      vin: r.inputVoltage!,
      load,
      holdS: i === 0 ? hold : r.simTime - ramp[i - 1]!.simTime,
      windowS: FAST_WINDOW_S,
      reading: inDropout.includes(r) ? { quantity: 'dropout' as const, observation, temperature, offset: null } : null,
    }))
    const vin = regulated.inputVoltage ?? number(run.parameters.supply_v, 5)
    c.data.sequences.push({ start: { temperature, vin, load }, segments })
  }
}

/** n of V_do ∝ T^n through the corners (least squares in log–log), 1.5 with fewer than two temperatures. */
function dropoutExponent(corners: ReadonlyArray<{ temperature: number; vdo: number }>): number {
  if (new Set(corners.map((k) => Math.round(k.temperature))).size < 2) return 1.5
  const line = linearRegression(
    corners.map((k) => Math.log(k.temperature + 273.15)),
    corners.map((k) => Math.log(k.vdo)),
  )
  return Number.isFinite(line.slope) ? line.slope : 1.5
}

/** The tests `dvt fit` reads (docs/twin.md#what-the-fit-reads). */
export const FITTED_TESTS = ['tempco', 'load_regulation', 'line_regulation', 'dropout', 'iq_vs_temp'] as const

/** What `dvt fit` takes from the runs: observations (grouped by test, plus `load_step`) and how each arose. */
export function twinData(runs: readonly RunData[]): TwinData {
  const c = createCollector(slopesOf(runs))
  for (const data of runs) {
    const test = data.run.test
    c.data.temperatureErrors.push(...chamberReadingErrors(data))
    if (test === 'tempco') steadySweep(c, data, 'vout_avg', 'vout')
    if (test === 'iq_vs_temp') steadySweep(c, data, 'iq_avg', 'iq')
    if (test === 'load_regulation') loadRegulation(c, data)
    if (test === 'line_regulation') lineRegulation(c, data)
    if (test === 'dropout') dropout(c, data)
  }
  return c.data
}
