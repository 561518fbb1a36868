/** Plain numeric helpers for the test library (no I/O); the least squares are @dvt/analysis's. */
import { linearRegression, mean, type Regression } from '@dvt/analysis'

export { mean }

/** A least-squares line y = slope·x + intercept with the RMS of its residuals (in the unit of y). */
export type LinearFit = Pick<Regression, 'slope' | 'intercept' | 'rmsResidual' | 'at'>

/** Ordinary least squares y = slope·x + intercept. Needs two distinct x values. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  return linearRegression(xs, ys)
}

/** One averaged point of a temperature sweep. */
export interface TempPoint {
  setpoint: number
  /** Mean chamber reading while V_out was measured, °C. */
  temperature: number
  /** Mean V_out, V. */
  vout: number
}

export interface TempcoResult {
  /** Least-squares slope over V_out at 25 °C, ppm/°C. */
  tempcoPpmPerC: number
  /** Box method: (Vmax − Vmin) / (Vnom · (Tmax − Tmin)), ppm/°C. */
  boxPpmPerC: number
  /** V_out at 25 °C: the measured point at setpoint 25, else the fit's value at 25 °C. */
  vout25: number
  /** RMS residual of the fit, µV. */
  residualUv: number
}

/** A least-squares line of some quantity against chamber temperature, referred to its value at 25 °C. */
export interface TemperatureFit {
  fit: LinearFit
  /** The value at 25 °C: the measured point at setpoint 25, else the fit's value at 25 °C. */
  at25: number
  /** The slope over the value at 25 °C, per °C (× 1e6 for ppm/°C, × 100 for %/°C). */
  relativeSlope: number
}

/** Fits `value` of each point of a temperature sweep against the point's chamber temperature. */
export function fitAgainstTemperature<P extends { setpoint: number; temperature: number }>(
  points: readonly P[],
  value: (point: P) => number,
): TemperatureFit {
  const fit = linearFit(
    points.map((p) => p.temperature),
    points.map(value),
  )
  const point25 = points.find((p) => p.setpoint === 25)
  const at25 = point25 ? value(point25) : fit.at(25)
  return { fit, at25, relativeSlope: fit.slope / at25 }
}

/** TempCo of a sweep by least squares and by the box method (V_out vs chamber temperature). */
export function computeTempco(points: readonly TempPoint[]): TempcoResult {
  const { fit, at25: vout25, relativeSlope } = fitAgainstTemperature(points, (p) => p.vout)
  const vs = points.map((p) => p.vout)
  const ts = points.map((p) => p.temperature)
  const box = (Math.max(...vs) - Math.min(...vs)) / (vout25 * (Math.max(...ts) - Math.min(...ts)))
  return {
    tempcoPpmPerC: relativeSlope * 1e6,
    boxPpmPerC: box * 1e6,
    vout25,
    residualUv: fit.rmsResidual * 1e6,
  }
}
