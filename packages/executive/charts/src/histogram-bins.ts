import type { HistogramBin } from './chart-spec'
import { extent, safeRange } from './internal/scale'

/**
 * Equal-width bins over the finite values (NaN and ±∞ are left out): `bins` of them, default √n rounded up and
 * kept within 5…30. A constant set of values gets bins around its value.
 */
export function histogramBins(values: readonly number[], options: { bins?: number } = {}): HistogramBin[] {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return []
  const count = options.bins ?? Math.min(30, Math.max(5, Math.ceil(Math.sqrt(finite.length))))
  const [lo, hi] = safeRange(...extent(finite))
  const width = (hi - lo) / count
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => ({
    x0: lo + i * width,
    x1: i === count - 1 ? hi : lo + (i + 1) * width,
    count: 0,
  }))
  for (const v of finite) {
    const bin = bins[Math.min(count - 1, Math.floor((v - lo) / width))]
    if (bin) bin.count++
  }
  return bins
}
