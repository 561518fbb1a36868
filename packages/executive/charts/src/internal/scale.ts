import { scaleLinear } from '@visx/scale'

/** Smallest and largest finite value (a loop: spreading 100 000 values into Math.min overflows the stack). */
export function extent(values: Iterable<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY
  let hi = Number.NEGATIVE_INFINITY
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  return [lo, hi]
}

/** Widens a degenerate or inverted range so a scale can be drawn. */
export function safeRange(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1]
  if (max > min) return [min, max]
  const half = Math.abs(min) > 0 ? Math.abs(min) * 0.01 : 1
  return [min - half, max + half]
}

/** A linear scale and the ticks drawn on it. */
export interface AxisScale {
  /** The d3 scale, for visx's axes and grids. */
  d3: ReturnType<typeof scaleLinear<number>>
  scale: (value: number) => number
  /** Pixel back to value (the dashboard's pointer read-out). */
  invert: (pixel: number) => number
  ticks: number[]
  step: number
  domain: [number, number]
}

/**
 * A linear scale over the data's range padded by `pad` of the span on each side, with 1-2-5 ticks (about `count`)
 * inside it. The frame follows the data, not the ticks, so a point at −40.02 °C does not stretch the axis to −60.
 */
export function axisScale(
  dataMin: number,
  dataMax: number,
  range: [number, number],
  options: { count?: number; pad?: number } = {},
): AxisScale {
  const [lo, hi] = safeRange(dataMin, dataMax)
  const pad = options.pad ?? 0.04
  const domain: [number, number] = [lo - (hi - lo) * pad, hi + (hi - lo) * pad]
  const scale = scaleLinear<number>({ domain, range })
  const ticks = scale.ticks(options.count ?? 6).map((t) => (Math.abs(t) < 1e-12 * (hi - lo) ? 0 : t))
  const step = ticks.length > 1 ? (ticks[1] ?? 0) - (ticks[0] ?? 0) : hi - lo
  return { d3: scale, scale: (v) => scale(v), invert: (p) => scale.invert(p), ticks, step, domain }
}

/** Formats a tick with just enough decimals for its step, with a typographic minus. */
export function formatTick(value: number, step: number): string {
  return typographicMinus(value.toFixed(decimalsNeeded(step)))
}

/** `-40` → `−40` (U+2212), the minus sign of printed numbers. */
export function typographicMinus(text: string): string {
  return text.startsWith('-') ? `\u2212${text.slice(1)}` : text
}

function decimalsNeeded(step: number): number {
  const s = Math.abs(step)
  if (!(s > 0)) return 0
  for (let d = 0; d <= 9; d++) {
    const scaled = s * 10 ** d
    if (Math.abs(Math.round(scaled) - scaled) < 1e-6 * scaled) return d
  }
  return 9
}
