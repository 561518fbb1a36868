import type { XyPoint } from '../chart-spec'

/** At most this many points of one series are drawn; a PDF or a page with 100 000 circles helps nobody. */
export const maxDrawnPoints = 1500

/** Evenly thins a series to `max` points, keeping the last. */
export function thin(points: readonly XyPoint[], max = maxDrawnPoints): readonly XyPoint[] {
  if (points.length <= max) return points
  const stride = points.length / max
  const out: XyPoint[] = []
  for (let i = 0; i < max; i++) {
    const p = points[Math.floor(i * stride)]
    if (p) out.push(p)
  }
  const last = points[points.length - 1]
  if (last) out.push(last)
  return out
}
