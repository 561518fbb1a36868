/** The sample lot of `sampleCampaignSummary`: its parts' truths and what the method measures of them (seeded). */

export const temperatures = [-40, 25, 85, 125]
export const span = '-40…125'
export const started = Date.parse('2026-03-09T08:00:00.000Z')

export interface Sweep {
  test: string
  parameters: Record<string, number>
}
export const sweeps: Sweep[] = [
  { test: 'output_voltage', parameters: {} },
  { test: 'load_regulation', parameters: { supply_v: 4 } },
  { test: 'load_regulation', parameters: { supply_v: 5 } },
  { test: 'line_regulation', parameters: {} },
  { test: 'dropout', parameters: { load_a: 0.1 } },
  { test: 'dropout', parameters: { load_a: 0.3 } },
  { test: 'quiescent_current', parameters: {} },
]
export const stepIndex: Record<string, number> = {
  output_voltage: 0,
  load_regulation: 1,
  line_regulation: 2,
  dropout: 3,
  quiescent_current: 4,
}

const limits: Record<string, { lower: number | null; upper: number | null }> = {
  vout_v: { lower: 3.234, upper: 3.366 },
  load_regulation_pct: { lower: null, upper: 1.5 },
  line_regulation_pct_per_v: { lower: null, upper: 0.05 },
  dropout_v: { lower: null, upper: 0.6 },
  iq_ua: { lower: null, upper: 80 },
  tempco_ppm_per_c: { lower: -100, upper: 100 },
}

export interface Truth {
  tempco_ppm_per_c: number
  vout_25c_v: number
  load_regulation_pct: number
  line_regulation_pct_per_v: number
  dropout_v: number
  iq_ua: number
  iq_tempco_pct_per_c: number
}

function gauss(random: () => number): number {
  const u = Math.max(1e-12, random())
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

export function truthOf(index: number, random: () => number): Truth {
  const t: Truth = {
    tempco_ppm_per_c: 20 + 10 * gauss(random),
    vout_25c_v: 3.3 * (1 + 0.005 * gauss(random)),
    load_regulation_pct: 0.45 + 0.08 * gauss(random),
    line_regulation_pct_per_v: 0.012 + 0.002 * gauss(random),
    dropout_v: 0.18 + 0.01 * gauss(random),
    iq_ua: 42 + 2 * gauss(random),
    iq_tempco_pct_per_c: 0.21 + 0.02 * gauss(random),
  }
  // Two parts of the lot fail: one with a tempco beyond ±100 ppm/°C, one with a poor load regulation.
  if (index === 5) t.tempco_ppm_per_c = 131.7
  if (index === 11) t.load_regulation_pct = 1.72
  return t
}

/** Measured values of one DUT at one point: the truth at that temperature plus the method's noise. */
export function measured(
  truth: Truth,
  sweep: Sweep,
  tC: number,
  random: () => number,
): Record<string, [number, string]> {
  const dt = tC - 25
  const noise = (sigma: number) => sigma * gauss(random)
  switch (sweep.test) {
    case 'output_voltage':
      return { vout_v: [truth.vout_25c_v * (1 + truth.tempco_ppm_per_c * 1e-6 * dt) + noise(20e-6), 'V'] }
    case 'load_regulation': {
      const atSupply = (sweep.parameters.supply_v ?? 5) === 4 ? 1.04 : 1
      const value = truth.load_regulation_pct * atSupply * (1 + 0.0015 * dt) + noise(0.005)
      return { load_regulation_pct: [value, '%'] }
    }
    case 'line_regulation':
      return { line_regulation_pct_per_v: [truth.line_regulation_pct_per_v * (1 + 0.002 * dt) + noise(3e-4), '%/V'] }
    case 'dropout': {
      const perAmp = (sweep.parameters.load_a ?? 0.1) / 0.1
      return { dropout_v: [truth.dropout_v * (0.55 + 0.45 * perAmp) * (1 + 0.003 * dt) + noise(1.5e-3), 'V'] }
    }
    default:
      return { iq_ua: [truth.iq_ua * (1 + truth.iq_tempco_pct_per_c * 0.01 * dt) + noise(0.15), 'µA'] }
  }
}

export function judged(parameter: string, value: number) {
  const l = limits[parameter]
  if (!l) return { lowerLimit: null, upperLimit: null, passed: null }
  const passed = (l.lower === null || value >= l.lower) && (l.upper === null || value <= l.upper)
  return { lowerLimit: l.lower, upperLimit: l.upper, passed }
}

export function truthAt(truth: Truth, parameter: string, sweep: Sweep, tC: number): number | null {
  if (tC !== 25) return null
  if (parameter === 'load_regulation_pct' && sweep.parameters.supply_v === 5) return truth.load_regulation_pct
  if (parameter === 'dropout_v' && sweep.parameters.load_a === 0.1) return truth.dropout_v
  if (parameter === 'iq_ua') return truth.iq_ua
  return null
}
