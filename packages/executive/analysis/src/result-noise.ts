import type { MeasurementRow } from '@dvt/storage/records'
import { type AveragedPoint, averagedPoints, pooledSpread, spreadOfMean } from './averaged-points'
import type { RunData } from './run-data'
import { linearRegression, type Regression, type Uncertainty } from './statistics'

/** The standard uncertainty of each result of a run, derived from the run's own measurements (docs/compare.md). */
export type ResultNoise = Readonly<Record<string, Uncertainty>>

type Axis = 'temperature' | 'inputVoltage' | 'loadCurrent'

/** A sweep's averaged points, their least-squares line and the noise of one point. */
interface SweepNoise {
  points: AveragedPoint[]
  line: Regression
  /** Per-point noise: the larger of the spread inside the points and their scatter about the line. */
  point: Uncertainty
}

/**
 * The noise of one averaged point of a sweep: the spread of the readings inside a point (pooled, ÷ √n) and the
 * residual standard deviation of the points about their straight line, whichever is larger — the scatter also holds
 * what the spread cannot see (the noise of the measured temperature, for one). Its degrees of freedom are the
 * line's (n − 2), or the pooled spread's when there are too few points for residuals.
 */
function sweepNoise(rows: readonly MeasurementRow[], parameter: string, axis: Axis): SweepNoise | null {
  const points = averagedPoints(rows, parameter).filter((p) => p.row[axis] !== null)
  if (points.length < 2) return null
  const line = linearRegression(
    points.map((p) => p.row[axis]!),
    points.map((p) => p.row.value),
  )
  const spread = pooledSpread(points)
  const n = Math.round(points.reduce((s, p) => s + p.readings.length, 0) / points.length)
  const within = spread ? spreadOfMean(spread, n) : null
  const residual = Number.isFinite(line.residualSd) ? line.residualSd : null
  if (residual === null && within === null) return null
  const sd = Math.max(residual ?? 0, within?.u ?? 0)
  const dof = residual !== null ? points.length - 2 : within!.dof
  return { points, line, point: { u: sd, dof } }
}

/** The point of a temperature sweep at 25 °C (within 1 °C), as the library's analysis takes it. */
const pointAt25 = (points: readonly AveragedPoint[]) =>
  points.find((p) => p.row.temperature !== null && Math.abs(p.row.temperature - 25) <= 1)

function tempcoNoise({ measurements }: RunData): ResultNoise {
  const sweep = sweepNoise(measurements, 'vout_avg', 'temperature')
  if (!sweep) return {}
  const { points, line, point } = sweep
  const at25 = pointAt25(points)
  const v25 = at25 ? at25.row.value : line.at(25)
  const temperatures = points.map((p) => p.row.temperature!)
  const span = Math.max(...temperatures) - Math.min(...temperatures)
  const dof = point.dof
  return {
    tempco_ppm_per_c: { u: (line.slopeError(point.u) / v25) * 1e6, dof },
    tempco_box_ppm_per_c: { u: ((Math.SQRT2 * point.u) / (v25 * span)) * 1e6, dof },
    vout_25c_v: { u: at25 ? point.u : line.errorAt(25, point.u), dof },
    // A standard deviation estimated from ν degrees of freedom is uncertain by about 1/√(2ν) of itself.
    fit_residual_uv: { u: (line.rmsResidual * 1e6) / Math.sqrt(2 * Math.max(1, dof)), dof },
  }
}

function loadRegulationNoise({ measurements }: RunData): ResultNoise {
  const sweep = sweepNoise(measurements, 'vout_avg', 'loadCurrent')
  if (!sweep) return {}
  const { points, line, point } = sweep
  const first = points[0]!.row.value
  return {
    load_regulation_mohm: { u: line.slopeError(point.u) * 1000, dof: point.dof },
    load_regulation_pct: { u: ((Math.SQRT2 * point.u) / first) * 100, dof: point.dof },
    vout_min_load_v: point,
  }
}

function lineRegulationNoise({ run, measurements }: RunData): ResultNoise {
  const sweep = sweepNoise(measurements, 'vout_avg', 'inputVoltage')
  if (!sweep) return {}
  const { line, point } = sweep
  const supply = typeof run.parameters.supply_v === 'number' ? run.parameters.supply_v : line.meanX
  const reference = line.at(supply)
  const slope = line.slopeError(point.u)
  return {
    line_regulation_pct_per_v: { u: (slope / reference) * 100, dof: point.dof },
    line_regulation_mv_per_v: { u: slope * 1000, dof: point.dof },
    vout_nominal_vin_v: { u: line.errorAt(supply, point.u), dof: point.dof },
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

function iqNoise({ measurements }: RunData): ResultNoise {
  const sweep = sweepNoise(measurements, 'iq_avg', 'temperature')
  if (!sweep) return {}
  const { points, line, point } = sweep
  const at25 = pointAt25(points)
  const iq25 = at25 ? at25.row.value : line.at(25)
  return {
    iq_25c_ua: { u: (at25 ? point.u : line.errorAt(25, point.u)) * 1e6, dof: point.dof },
    iq_tempco_pct_per_c: { u: (line.slopeError(point.u) / iq25) * 100, dof: point.dof },
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
