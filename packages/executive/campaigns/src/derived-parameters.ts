/**
 * The per-temperature measurements the campaign derives cross-temperature parameters from: the test and the name of
 * its measurement (docs/tests.md).
 */
export const CAMPAIGN_SOURCES = Object.freeze({
  vout: { test: 'output_voltage', measurement: 'vout_v' },
  iq: { test: 'quiescent_current', measurement: 'iq_ua' },
  dropout: { test: 'dropout', measurement: 'dropout_v' },
} as const)

export type CampaignSource = keyof typeof CAMPAIGN_SOURCES

/** A parameter derived per DUT across the campaign's temperatures (docs/campaigns.md#derived-parameters). */
export interface DerivedParameter {
  name: string
  unit: string
  description: string
  from: (typeof CAMPAIGN_SOURCES)[CampaignSource]
}

const { vout, iq, dropout } = CAMPAIGN_SOURCES

/** Every derived parameter; plans may give limits for them like for any measurement. The names are the library's. */
export const DERIVED_PARAMETERS: readonly DerivedParameter[] = Object.freeze([
  {
    name: 'tempco_ppm_per_c',
    unit: 'ppm/°C',
    description: 'least-squares slope of V_out over temperature, relative to V_out at 25 °C',
    from: vout,
  },
  {
    name: 'tempco_box_ppm_per_c',
    unit: 'ppm/°C',
    description: 'box method: (V_max − V_min) / (V_25 · (T_max − T_min))',
    from: vout,
  },
  { name: 'vout_25c_v', unit: 'V', description: 'V_out at 25 °C (the fit at 25 °C without that point)', from: vout },
  {
    name: 'iq_tempco_pct_per_c',
    unit: '%/°C',
    description: 'least-squares slope of I_q over temperature, relative to I_q at 25 °C',
    from: iq,
  },
  {
    name: 'dropout_tempco_mv_per_c',
    unit: 'mV/°C',
    description: 'least-squares slope of the dropout voltage over temperature, at each load',
    from: dropout,
  },
])
