import type { MeasurementRow } from '@dvt/storage'

const PARAMETERS = [
  ['v_out', 'V'],
  ['i_out', 'A'],
  ['v_in', 'V'],
  ['t_case', '°C'],
] as const

/** Benchmark readings: four parameters in turn, a slow temperature sweep, every tenth without a load current. */
export function makeBatch(start: number, n: number): MeasurementRow[] {
  const rows: MeasurementRow[] = []
  for (let k = start; k < start + n; k++) {
    const [parameter, unit] = PARAMETERS[k % PARAMETERS.length]!
    rows.push({
      timestamp: 1_740_823_200_000 + k,
      simTime: k * 0.01,
      parameter,
      value: 3.3 + Math.sin(k) * 1e-3,
      unit,
      temperature: -40 + (k % 12_500) / 100,
      inputVoltage: 5,
      loadCurrent: k % 10 === 0 ? null : 0.1,
    })
  }
  return rows
}
