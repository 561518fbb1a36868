/** Plain numeric helpers for the test library (no I/O). */

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  let sum = 0
  for (const v of values) sum += v
  return sum / values.length
}

export interface LinearFit {
  slope: number
  intercept: number
  /** Root-mean-square of the residuals, in the unit of y. */
  rmsResidual: number
  at(x: number): number
}

/** Ordinary least squares y = slope·x + intercept. Needs two distinct x values. */
export function linearFit(xs: readonly number[], ys: readonly number[]): LinearFit {
  const n = Math.min(xs.length, ys.length)
  const mx = mean(xs.slice(0, n))
  const my = mean(ys.slice(0, n))
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx
    sxx += dx * dx
    sxy += dx * (ys[i]! - my)
  }
  const slope = n >= 2 && sxx > 0 ? sxy / sxx : Number.NaN
  const intercept = my - slope * mx
  let sse = 0
  for (let i = 0; i < n; i++) sse += (ys[i]! - (slope * xs[i]! + intercept)) ** 2
  return { slope, intercept, rmsResidual: Math.sqrt(sse / n), at: (x) => slope * x + intercept }
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
