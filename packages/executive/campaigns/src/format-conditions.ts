/**
 * Conditions as a datasheet states them: the temperature first (`25 °C`, `-40…125 °C`), then the other conditions
 * as `key = value` in key order: `25 °C, supply_v = 4.5`. The CLI's table, the PDF and the dashboard say it alike.
 */
export function formatConditions(conditions: Record<string, number | string>): string {
  const { temperature_c: t, ...rest } = conditions
  const parts = t === undefined ? [] : [`${t} °C`]
  for (const key of Object.keys(rest).sort()) parts.push(`${key} = ${rest[key]}`)
  return parts.join(', ')
}
