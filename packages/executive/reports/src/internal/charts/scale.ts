/** Evenly spaced "nice" tick values (1, 2, 2.5 or 5 × 10^n) covering [min, max]. */
export interface Ticks {
  min: number
  max: number
  step: number
  values: number[]
}

/** Widens a degenerate or inverted range so a scale can be drawn. */
export function safeRange(min: number, max: number): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1]
  if (max > min) return [min, max]
  const half = Math.abs(min) > 0 ? Math.abs(min) * 0.01 : 1
  return [min - half, max + half]
}

/**
 * A scale over [min, max] padded by `pad` of the span on each side, with nice ticks (about `target` intervals)
 * inside it. The frame follows the data, not the ticks, so a point at −40.02 °C does not stretch the axis to −60.
 */
export function niceTicks(rawMin: number, rawMax: number, target = 6, pad = 0.04): Ticks {
  const [dataMin, dataMax] = safeRange(rawMin, rawMax)
  const min = dataMin - (dataMax - dataMin) * pad
  const max = dataMax + (dataMax - dataMin) * pad
  const rough = (max - min) / target
  const magnitude = 10 ** Math.floor(Math.log10(rough))
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= rough) ?? 10) * magnitude
  const values: number[] = []
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) values.push(k === 0 ? 0 : k * step)
  return { min, max, step, values }
}

/** Formats a tick with just enough decimals for its step, with a typographic minus. */
export function formatTick(value: number, step: number): string {
  const fixed = value.toFixed(decimalsNeeded(step))
  return fixed.startsWith('-') ? `\u2212${fixed.slice(1)}` : fixed
}

function decimalsNeeded(step: number): number {
  for (let d = 0; d <= 9; d++) {
    const scaled = step * 10 ** d
    if (Math.abs(Math.round(scaled) - scaled) < 1e-6 * scaled) return d
  }
  return 9
}

const scalableUnits = new Set(['V', 'A', 'W', 'Ω', 'ohm', 's', 'F', 'H'])

/** A display unit for values of `unit` whose magnitude is about `maxAbs`: 0.12 A → mA (factor 1000). */
export function displayUnit(unit: string, maxAbs: number): { unit: string; factor: number } {
  if (!scalableUnits.has(unit) || !(maxAbs > 0) || maxAbs >= 1) return { unit, factor: 1 }
  if (maxAbs >= 1e-3) return { unit: `m${unit}`, factor: 1e3 }
  if (maxAbs >= 1e-6) return { unit: `\u00b5${unit}`, factor: 1e6 }
  return { unit: `n${unit}`, factor: 1e9 }
}
