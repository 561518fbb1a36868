import { displayUnit } from './display-unit'

const conditionNames: Record<string, { symbol: string; unit: string }> = {
  temperature_c: { symbol: 'T', unit: '\u00b0C' },
  supply_v: { symbol: 'V_in', unit: 'V' },
  load_a: { symbol: 'I_load', unit: 'A' },
}

function conditionValue(key: string, value: number | string): string {
  const name = conditionNames[key]
  if (!name) return `${key} = ${value}`
  if (typeof value === 'string') return `${name.symbol} = ${value} ${name.unit}`
  const shown = displayUnit(name.unit, Math.abs(value))
  return `${name.symbol} = ${Number((value * shown.factor).toPrecision(6))} ${shown.unit}`
}

/**
 * The conditions of a result as a datasheet prints them, temperature first: `T = 25 °C, V_in = 4 V, I_load = 100 mA`;
 * a derived value names its span (`T = -40…125 °C`). Empty conditions print as an em dash.
 */
export function conditionsLabel(conditions: Readonly<Record<string, number | string>>): string {
  const keys = Object.keys(conditions).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  if (keys.length === 0) return '\u2014'
  return keys.map((k) => conditionValue(k, conditions[k] as number | string)).join(', ')
}

const rank = (key: string): number => {
  const i = Object.keys(conditionNames).indexOf(key)
  return i < 0 ? 99 : i
}
