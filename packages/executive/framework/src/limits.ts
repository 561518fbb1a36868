import type { ResultRecord } from '@dvt/storage'
import type { Limits } from './test-definition'

/**
 * Judges a value against inclusive limits. `passed` is null when there are no limits. `socket` is the DUT socket the
 * value is of on a board-wide run, null for the run's one DUT.
 */
export function judge(
  parameter: string,
  value: number,
  unit: string,
  limits: Limits,
  socket: number | null = null,
): ResultRecord {
  const lowerLimit = limits.lower ?? null
  const upperLimit = limits.upper ?? null
  let passed: boolean | null = null
  if (lowerLimit !== null || upperLimit !== null) {
    passed =
      Number.isFinite(value) &&
      (lowerLimit === null || value >= lowerLimit) &&
      (upperLimit === null || value <= upperLimit)
  }
  return { parameter, value, unit, lowerLimit, upperLimit, passed, socket }
}

function format(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value)
}

/**
 * Why a result failed, in words: `tempco_ppm_per_c = 123.4 ppm/°C is above its upper limit 100`, and on a board-wide
 * run `socket 3: tempco_ppm_per_c = …`.
 */
export function describeFailure(result: ResultRecord): string {
  const where = result.socket === null || result.socket === undefined ? '' : `socket ${result.socket}: `
  const value = `${where}${result.parameter} = ${format(result.value)} ${result.unit}`.trimEnd()
  if (!Number.isFinite(result.value)) return `${value} is not a finite number`
  if (result.lowerLimit !== null && result.value < result.lowerLimit) {
    return `${value} is below its lower limit ${format(result.lowerLimit)}`
  }
  return `${value} is above its upper limit ${format(result.upperLimit ?? Number.NaN)}`
}
