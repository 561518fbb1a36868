const scalableUnits = new Set(['V', 'A', 'W', 'Ω', 'ohm', 's', 'F', 'H'])

/** A display unit for values of `unit` whose magnitude is about `maxAbs`: 0.12 A → mA (factor 1000). */
export function displayUnit(unit: string, maxAbs: number): { unit: string; factor: number } {
  if (!scalableUnits.has(unit) || !(maxAbs > 0) || maxAbs >= 1) return { unit, factor: 1 }
  if (maxAbs >= 1e-3) return { unit: `m${unit}`, factor: 1e3 }
  if (maxAbs >= 1e-6) return { unit: `\u00b5${unit}`, factor: 1e6 }
  return { unit: `n${unit}`, factor: 1e9 }
}
