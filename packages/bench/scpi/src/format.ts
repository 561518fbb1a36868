/** SCPI's representation of +infinity, -infinity and not-a-number in responses (SCPI-99 Vol. 1 §7.2.1.5). */
const SCPI_INF = 9.9e37
const SCPI_NAN = 9.91e37

/** NR1 (integer) with an explicit sign, as Keysight instruments answer: `+0`, `-113`. */
export function formatNR1(value: number): string {
  if (!Number.isFinite(value)) return value < 0 ? '-9.9E+37' : Number.isNaN(value) ? '+9.91E+37' : '+9.9E+37'
  const n = Math.round(value)
  return n < 0 ? String(n) : '+' + (n === 0 ? '0' : String(n))
}

/** NR2 (fixed point) with `decimals` digits after the point: `25.300`, `-40.000` (no forced `+`). */
export function formatNR2(value: number, decimals = 3): string {
  if (!Number.isFinite(value)) return formatNR3(value)
  const s = value.toFixed(decimals)
  // toFixed keeps the sign of -0 and of values that round to zero (`-0.000`)
  return s.charCodeAt(0) === 45 && Number(s) === 0 ? s.slice(1) : s
}

/**
 * NR3 with 9 significant digits and a signed two-digit exponent: `+1.23456789E+00`.
 * Infinity and NaN answer SCPI's `±9.90000000E+37` and `+9.91000000E+37`.
 */
export function formatNR3(value: number): string {
  let v = value
  if (!Number.isFinite(v)) v = Number.isNaN(v) ? SCPI_NAN : v < 0 ? -SCPI_INF : SCPI_INF
  const s = (v === 0 ? 0 : v).toExponential(8)
  const e = s.indexOf('e')
  const mantissa = s.charCodeAt(0) === 45 ? s.slice(0, e) : '+' + s.slice(0, e)
  const expSign = s.charAt(e + 1)
  const digits = s.slice(e + 2)
  return mantissa + 'E' + expSign + (digits.length === 1 ? '0' + digits : digits)
}

/** A boolean as SCPI answers it: `1` or `0`. */
export function formatBoolean(value: boolean): string {
  return value ? '1' : '0'
}

/** A quoted string response with embedded double quotes doubled: `"say ""hi"""`. */
export function formatString(value: string): string {
  return '"' + value.replaceAll('"', '""') + '"'
}
