import type { CampaignResult } from '@dvt/storage/records'
import { describe, expect, it } from 'vitest'
import { deriveDutResults } from './derive'
import { loadPlan } from './plan-validation'
import { truthOf } from './truth'

const plan = loadPlan({
  file: 'derive.yaml',
  text: [
    'name: derive',
    'lot: { size: 1 }',
    'sockets: 1',
    'temperatures_c: [-40, 25, 85, 125]',
    'steps: [{ test: output_voltage }, { test: quiescent_current }, { test: dropout, sweep: { load_a: [0.1, 0.3] } }]',
    'limits: { tempco_ppm_per_c: { lower: -40, upper: 40 } }',
  ].join('\n'),
})

const dut = {
  nominal_output_voltage: 3.3,
  tempco_ppm_per_c: 50,
  line_regulation_pct_per_v: 0.01,
  nominal_input_voltage: 5,
  load_regulation_ohm: 0.05,
  quiescent_current_ua: 50,
  quiescent_current_tempco: 0.003,
  dropout_voltage: 0.3,
  dropout_temperature_exponent: 1.5,
}

/** Results as the runs of one DUT would give them: the model's true values (so every error is zero). */
type Measured = Pick<CampaignResult, 'serial' | 'socket' | 'test' | 'conditions' | 'parameter' | 'value' | 'truth'>

function results(): Measured[] {
  const out: Measured[] = []
  for (const t of [-40, 25, 85, 125]) {
    const at = (parameters: Record<string, unknown>) => ({ temperatureC: t, parameters })
    const base = { serial: 'L-001', socket: 1 }
    const vout = truthOf('vout_v', dut, at({ supply_v: 5, load_a: 0.1 }))!
    out.push({
      ...base,
      test: 'output_voltage',
      conditions: { temperature_c: t },
      parameter: 'vout_v',
      value: vout,
      truth: vout,
    })
    const iq = truthOf('iq_ua', dut, at({}))!
    out.push({
      ...base,
      test: 'quiescent_current',
      conditions: { temperature_c: t },
      parameter: 'iq_ua',
      value: iq,
      truth: iq,
    })
    for (const load of [0.1, 0.3]) {
      const d = truthOf('dropout_v', dut, at({ load_a: load }))!
      out.push({
        ...base,
        test: 'dropout',
        conditions: { temperature_c: t, load_a: load },
        parameter: 'dropout_v',
        value: d,
        truth: d,
      })
    }
  }
  return out
}

describe('deriveDutResults', () => {
  it('derives tempco (least squares and box), V_out at 25 °C, I_q tempco and dropout vs T per load, judged', () => {
    const derived = deriveDutResults(plan, results())
    const by = (parameter: string, load?: number) =>
      derived.find((d) => d.parameter === parameter && (load === undefined || d.conditions.load_a === load))!
    // V_out is linear in T: the least-squares tempco is the part's, relative to V_out(25 °C) at 0.1 A.
    const v25 = 3.3 - 0.05 * 0.1
    expect(by('tempco_ppm_per_c').value).toBeCloseTo((3.3 * 50) / v25, 9)
    expect(by('tempco_ppm_per_c')).toMatchObject({
      unit: 'ppm/°C',
      conditions: { temperature_c: '-40…125' },
      lowerLimit: -40,
      upperLimit: 40,
      passed: false,
      runId: null,
    })
    expect(by('tempco_box_ppm_per_c').value).toBeCloseTo(by('tempco_ppm_per_c').value, 9)
    expect(by('vout_25c_v')).toMatchObject({ value: v25, conditions: { temperature_c: 25 }, passed: null })
    expect(by('iq_tempco_pct_per_c').value).toBeCloseTo(0.3, 9)
    // The dropout grows as ((T + 273.15) / 300)^1.5: a positive slope, the same at both loads (the model's).
    expect(by('dropout_tempco_mv_per_c', 0.1).value).toBeGreaterThan(1)
    expect(by('dropout_tempco_mv_per_c', 0.3).value).toBeCloseTo(by('dropout_tempco_mv_per_c', 0.1).value, 9)
    // Each truth is the same derivation on the truths: with exact readings every error is zero.
    for (const d of derived) expect(d.value - (d.truth as number)).toBeCloseTo(0, 9)
  })

  it('needs two temperatures: one gives nothing to derive', () => {
    const one = results().filter((r) => r.conditions.temperature_c === 25)
    expect(deriveDutResults(plan, one)).toEqual([])
  })
})
