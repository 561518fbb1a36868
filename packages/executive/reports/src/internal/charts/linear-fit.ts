/** A point of a chart, in display units. */
export interface Point {
  x: number
  y: number
}

/** Ordinary least-squares line through points, with the RMS of its residuals. */
export interface LinearFit {
  slope: number
  intercept: number
  rmsResidual: number
  n: number
}

/** Least-squares fit y = slope·x + intercept; null with fewer than two distinct x values. */
export function linearFit(points: readonly Point[]): LinearFit | null {
  const n = points.length
  if (n < 2) return null
  const mx = points.reduce((s, p) => s + p.x, 0) / n
  const my = points.reduce((s, p) => s + p.y, 0) / n
  let sxx = 0
  let sxy = 0
  for (const p of points) {
    sxx += (p.x - mx) ** 2
    sxy += (p.x - mx) * (p.y - my)
  }
  if (sxx === 0) return null
  const slope = sxy / sxx
  const intercept = my - slope * mx
  const sse = points.reduce((s, p) => s + (p.y - (slope * p.x + intercept)) ** 2, 0)
  return { slope, intercept, rmsResidual: Math.sqrt(sse / n), n }
}
