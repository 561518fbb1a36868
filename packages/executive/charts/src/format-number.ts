/** `value` with `significant` digits, no float noise, exponent only for very large or small magnitudes. */
export function formatNumber(value: number, significant = 6): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'n/a' : value > 0 ? '+inf' : '-inf'
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e7 || abs < 1e-4) {
    const [mantissa = '', exponent = ''] = value.toExponential(significant - 1).split('e')
    return `${stripZeros(mantissa)}e${exponent}`
  }
  return stripZeros(value.toPrecision(significant))
}

function stripZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s
}

/**
 * A value of a campaign's characteristics table (min, typ, max, limits, errors): 5 significant digits. The one
 * formatting of these numbers — the PDF, the dashboard and the tests print them with it.
 */
export function formatCharacteristic(value: number): string {
  return formatNumber(value, 5)
}

/** A parameter's limits as the characteristics table prints them: "-100 … 100", "≥ 3.234", "≤ 1.5", or a dash. */
export function formatLimits(lower: number | null, upper: number | null): string {
  if (lower !== null && upper !== null) return `${formatCharacteristic(lower)} \u2026 ${formatCharacteristic(upper)}`
  if (lower !== null) return `\u2265 ${formatCharacteristic(lower)}`
  if (upper !== null) return `\u2264 ${formatCharacteristic(upper)}`
  return '\u2014'
}
