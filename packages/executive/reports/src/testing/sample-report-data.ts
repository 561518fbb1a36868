import { fitTempco } from '@dvt/charts'
import type { EventRecord, MeasurementRow, ResultRecord, RunRecord } from '@dvt/storage'
import { createSeededRandom } from '@dvt/transports/testing'
import type { ReportData } from '../report-data'

/** Realistic report data for tests and the benchmark, built from plain objects (no storage needed). */

const start = Date.parse('2026-03-02T09:14:05.000Z')

export function sampleRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id: '3f6c2a9e-7d41-4b8a-9c2e-5a1b0d4e8f17',
    test: 'tempco',
    status: 'passed',
    startedAt: new Date(start).toISOString(),
    completedAt: new Date(start + 2_843_500).toISOString(),
    operator: 'j.moreau',
    dutSerial: 'LDO-33-000142',
    station: 'virtual-bench-1',
    description: 'TempCo characterisation of LDO 3.3 V, lot 24-07',
    parameters: { points_c: [-40, -20, 0, 25, 50, 85], readings_per_point: 10, limit_ppm_per_c: 100 },
    config: {
      dut: { model: 'ldo', parameters: { vout_nominal: 3.3, tempco_ppm_per_c: 50, r_out_ohm: 0.05 } },
      simulation: { speed: 'max', seed: 42, noise: true, telemetry_hz: 20 },
      physics: { update_rate_hz: 100, thermal: { tau_case_s: 5, tau_junction_s: 0.5 } },
      station: { name: 'virtual-bench-1' },
    },
    seed: 42,
    softwareVersion: '0.1.0',
    statusReason: null,
    measurementCount: 0,
    parquetPath: null,
    pid: null,
    hostname: null,
    campaignId: null,
    provenance: null,
    ...overrides,
  }
}

const row = (simTime: number, parameter: string, value: number, unit: string, extra: Partial<MeasurementRow> = {}) => ({
  timestamp: start + simTime * 1000,
  simTime,
  parameter,
  value,
  unit,
  temperature: null,
  inputVoltage: 5,
  loadCurrent: 0.1,
  ...extra,
})

/** A tempco run: 6 points × `readings` raw `vout` readings plus `vout_avg`, with a true slope of `ppm` ppm/°C. */
export function sampleTempcoData(options: { ppm?: number; readings?: number; events?: number } = {}): ReportData {
  const ppm = options.ppm ?? 50
  const readings = options.readings ?? 10
  const random = createSeededRandom(7)
  const v25 = 3.3 - 0.05 * 0.1
  const measurements: MeasurementRow[] = []
  let t = 0
  for (const point of [-40, -20, 0, 25, 50, 85]) {
    t += 420
    let sum = 0
    for (let i = 0; i < readings; i++) {
      const temperature = point + (random() - 0.5) * 0.04
      const value = v25 * (1 + ppm * 1e-6 * (temperature - 25)) + (random() - 0.5) * 4e-6
      sum += value
      measurements.push(row(t + i * 0.2, 'vout', value, 'V', { temperature }))
    }
    measurements.push(row(t + readings * 0.2, 'vout_avg', sum / readings, 'V', { temperature: point }))
  }
  const averaged = measurements.filter((m) => m.parameter === 'vout_avg')
  const fit = fitTempco(averaged.map((m) => ({ x: m.temperature ?? 0, y: m.value })))
  const values = averaged.map((m) => m.value)
  const box = ((Math.max(...values) - Math.min(...values)) / (v25 * 125)) * 1e6
  const results: ResultRecord[] = [
    {
      parameter: 'tempco_ppm_per_c',
      value: fit?.ppmPerC ?? Number.NaN,
      unit: 'ppm/°C',
      lowerLimit: -100,
      upperLimit: 100,
      passed: true,
      socket: null,
    },
    {
      parameter: 'tempco_box_ppm_per_c',
      value: box,
      unit: 'ppm/°C',
      lowerLimit: null,
      upperLimit: 100,
      passed: true,
      socket: null,
    },
    {
      parameter: 'vout_25c_v',
      value: fit?.vref ?? Number.NaN,
      unit: 'V',
      lowerLimit: 3.25,
      upperLimit: 3.35,
      passed: true,
      socket: null,
    },
    {
      parameter: 'fit_residual_uv',
      value: (fit?.rmsResidual ?? Number.NaN) * 1e6,
      unit: 'µV',
      lowerLimit: null,
      upperLimit: null,
      passed: null,
      socket: null,
    },
  ]
  return {
    run: sampleRun({ measurementCount: measurements.length }),
    results,
    events: sampleEvents(options.events ?? 14),
    measurements,
  }
}

/** Timeline entries: the run start, one pair per tempco point, the end. */
export function sampleEvents(count: number): EventRecord[] {
  const levels: EventRecord['level'][] = ['info', 'info', 'info', 'debug', 'warn']
  return Array.from({ length: count }, (_, i) => ({
    time: new Date(start + i * 197_000).toISOString(),
    simTime: i * 197,
    level: i === 0 || i === count - 1 ? 'info' : (levels[i % levels.length] ?? 'info'),
    message:
      i === 0
        ? 'Run started: tempco on virtual-bench-1'
        : i === count - 1
          ? 'Run finished: passed'
          : `Point ${Math.ceil(i / 2)}: chamber stable, DUT settled after ${(20 + i * 1.5).toFixed(1)} s`,
  }))
}

/** A load-regulation run: V_out vs load current 0…500 mA, 5 readings per step. */
export function sampleLoadRegulationData(): ReportData {
  const random = createSeededRandom(11)
  const measurements: MeasurementRow[] = []
  for (let step = 0; step <= 10; step++) {
    const current = step * 0.05
    for (let i = 0; i < 5; i++) {
      const value = 3.3 - 0.05 * current + (random() - 0.5) * 6e-6
      measurements.push(
        row(step * 30 + i, 'vout', value, 'V', { temperature: 25 + (random() - 0.5) * 0.05, loadCurrent: current }),
      )
    }
  }
  const results: ResultRecord[] = [
    {
      parameter: 'load_regulation_mohm',
      value: 50.02,
      unit: 'mΩ',
      lowerLimit: null,
      upperLimit: 100,
      passed: true,
      socket: null,
    },
    {
      parameter: 'load_regulation_pct',
      value: 0.7581,
      unit: '%',
      lowerLimit: null,
      upperLimit: 1,
      passed: true,
      socket: null,
    },
  ]
  const run = sampleRun({
    id: '9b1d7e3c-2a55-4f0e-8d6b-c4e9a7f21b03',
    test: 'load_regulation',
    parameters: { currents_a: [0, 0.5], steps: 11, readings_per_step: 5 },
    measurementCount: measurements.length,
  })
  return { run, results, events: sampleEvents(6), measurements }
}
