import { type AveragedPoint, averagedPoints, pooledSpread, spreadOfMean } from './averaged-points'
import { chamberReadingErrors, chamberReadingNoise } from './chamber-noise'
import type { RunData } from './run-data'
import {
  combineUncertainties,
  linearRegression,
  parabolaResidualSd,
  type Regression,
  type Uncertainty,
} from './statistics'

/** The standard uncertainty of each result of a run, derived from the run's own measurements (docs/compare.md). */
export type ResultNoise = Readonly<Record<string, Uncertainty>>

type Axis = 'temperature' | 'inputVoltage' | 'loadCurrent'

/** A sweep's averaged points, their straight line, and two noises: of a point's value, and about the line. */
interface Sweep {
  points: AveragedPoint[]
  line: Regression
  /** A point's own noise: the spread of the readings averaged into it (pooled over the points, ÷ √n). */
  within: Uncertainty
  /** The noise of the points about their line: what the slope and the fitted values rest on. */
  scatter: Uncertainty
}

function pointsOf(data: RunData, parameter: string, axis: Axis) {
  return averagedPoints(data.measurements, parameter).filter((p) => p.row[axis] !== null)
}

function withinOf(points: readonly AveragedPoint[]): Uncertainty | null {
  const spread = pooledSpread(points)
  if (!spread) return null
  const n = Math.round(points.reduce((s, p) => s + p.readings.length, 0) / points.length)
  return spreadOfMean(spread, n)
}

/**
 * A temperature sweep (tempco, I_q): the scatter about the line is expected to be the readings' spread and what the
 * chamber reading's own error does through the slope (slope × that error, estimated from the recorded temperatures
 * against their setpoints). The residuals about the line count instead when they show more (dof n − 2).
 */
function temperatureSweep(data: RunData, parameter: string): Sweep | null {
  const points = pointsOf(data, parameter, 'temperature')
  const within = withinOf(points)
  if (points.length < 3 || !within) return null
  const line = linearRegression(
    points.map((p) => p.row.temperature!),
    points.map((p) => p.row.value),
  )
  const chamber = chamberReadingNoise(chamberReadingErrors(data))
  const terms = chamber ? [within, { u: Math.abs(line.slope) * chamber.sd, dof: chamber.dof }] : [within]
  const expected = combineUncertainties(terms)
  const residual = { u: line.residualSd, dof: points.length - 2 }
  return { points, line, within, scatter: residual.u > expected.u ? residual : expected }
}

/**
 * A sweep of the load or of V_in at one temperature: the x is a read-back, whose noise the readings' spread cannot
 * show, so the scatter is taken from the residuals about a parabola (self-heating bows the line, and that bow is the
 * part's, not noise), never below the spread; its dof are the parabola's (n − 3).
 */
function steppedSweep(data: RunData, axis: Axis): Sweep | null {
  const points = pointsOf(data, 'vout_avg', axis)
  const within = withinOf(points)
  if (points.length < 4 || !within) return null
  const xs = points.map((p) => p.row[axis]!)
  const ys = points.map((p) => p.row.value)
  const line = linearRegression(xs, ys)
  const scatter = { u: Math.max(parabolaResidualSd(xs, ys), within.u), dof: points.length - 3 }
  return { points, line, within, scatter }
}

const scaled = (x: Uncertainty, factor: number): Uncertainty => ({ u: Math.abs(x.u * factor), dof: x.dof })

/**
 * A temperature sweep's value at 25 °C as the library's analysis takes it: the point measured there (within 1 °C),
 * whose noise is its readings' spread, else the line's value there, whose noise follows from the scatter.
 */
function at25({ points, line, within, scatter }: Sweep): { value: number; noise: Uncertainty } {
  const point = points.find((p) => p.row.temperature !== null && Math.abs(p.row.temperature - 25) <= 1)
  return point
    ? { value: point.row.value, noise: within }
    : { value: line.at(25), noise: scaled(scatter, line.errorAt(25, 1)) }
}

function tempcoNoise(data: RunData): ResultNoise {
  const sweep = temperatureSweep(data, 'vout_avg')
  if (!sweep) return {}
  const { points, line, scatter } = sweep
  const v25 = at25(sweep)
  const temperatures = points.map((p) => p.row.temperature!)
  const span = Math.max(...temperatures) - Math.min(...temperatures)
  const dof = points.length - 2
  return {
    tempco_ppm_per_c: scaled(scatter, 1e6 / (Math.sqrt(line.sxx) * v25.value)),
    tempco_box_ppm_per_c: scaled(scatter, (Math.SQRT2 * 1e6) / (v25.value * span)),
    vout_25c_v: v25.noise,
    // A standard deviation estimated from ν degrees of freedom is uncertain by about 1/√(2ν) of itself.
    fit_residual_uv: { u: (line.rmsResidual * 1e6) / Math.sqrt(2 * Math.max(1, dof)), dof },
  }
}

function loadRegulationNoise(data: RunData): ResultNoise {
  const sweep = steppedSweep(data, 'loadCurrent')
  if (!sweep) return {}
  const { points, line, within, scatter } = sweep
  const first = points[0]!.row.value
  return {
    load_regulation_mohm: scaled(scatter, 1000 / Math.sqrt(line.sxx)),
    load_regulation_pct: scaled(within, (Math.SQRT2 * 100) / first),
    vout_min_load_v: within,
  }
}

function lineRegulationNoise(data: RunData): ResultNoise {
  const sweep = steppedSweep(data, 'inputVoltage')
  if (!sweep) return {}
  const { line, scatter } = sweep
  const supply = typeof data.run.parameters.supply_v === 'number' ? data.run.parameters.supply_v : line.meanX
  const slope = 1 / Math.sqrt(line.sxx)
  return {
    line_regulation_pct_per_v: scaled(scatter, (slope / line.at(supply)) * 100),
    line_regulation_mv_per_v: scaled(scatter, slope * 1000),
    vout_nominal_vin_v: scaled(scatter, line.errorAt(supply, 1)),
  }
}

/**
 * A dropout result is the supply's read-back V_in minus V_out at the step where V_out fell out of regulation. That
 * step's reading was recorded with the commanded V_in, so result − (commanded V_in − V_out) is the read-back's own
 * error; its RMS over the corners is the noise of every dropout result.
 */
function dropoutNoise({ measurements }: RunData): ResultNoise {
  const errors: number[] = []
  for (const result of measurements.filter((r) => r.parameter === 'dropout')) {
    const ramp = measurements.filter((r) => r.parameter === 'vout_ramp' && r.temperature === result.temperature)
    const last = ramp.at(-1)
    if (last?.inputVoltage == null) continue
    errors.push(result.value - (last.inputVoltage - last.value))
  }
  if (errors.length === 0) return {}
  const u = { u: Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length), dof: errors.length }
  return { dropout_room_v: u, dropout_cold_v: u, dropout_hot_v: u }
}

function iqNoise(data: RunData): ResultNoise {
  const sweep = temperatureSweep(data, 'iq_avg')
  if (!sweep) return {}
  const iq25 = at25(sweep)
  return {
    iq_25c_ua: scaled(iq25.noise, 1e6),
    iq_tempco_pct_per_c: scaled(sweep.scatter, 100 / (Math.sqrt(sweep.line.sxx) * iq25.value)),
  }
}

/** How the noise of each library test's results follows from its measurements (docs/compare.md#noise). */
const RULES: Readonly<Record<string, (data: RunData) => ResultNoise>> = {
  tempco: tempcoNoise,
  load_regulation: loadRegulationNoise,
  line_regulation: lineRegulationNoise,
  dropout: dropoutNoise,
  iq_vs_temp: iqNoise,
}

/** The noise of each result of a run; a result of a test without a rule (or too few points) has none. */
export function resultNoise(data: RunData): ResultNoise {
  return RULES[data.run.test]?.(data) ?? {}
}
