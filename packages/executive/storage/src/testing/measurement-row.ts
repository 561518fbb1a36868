import type { MeasurementRow } from '../records'

/** One raw reading for tests: 3.3 V of `vout` at 25 °C, 5 V in, 0.1 A out, at time 0, with any field replaced. */
export function measurementRow(fields: Partial<MeasurementRow> = {}): MeasurementRow {
  return {
    timestamp: 0,
    simTime: 0,
    parameter: 'vout',
    value: 3.3,
    unit: 'V',
    temperature: 25,
    inputVoltage: 5,
    loadCurrent: 0.1,
    ...fields,
  }
}
