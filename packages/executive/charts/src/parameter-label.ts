import { parseSocketReading } from '@dvt/storage/records'

const labels: Record<string, string> = {
  vout: 'Output voltage',
  vin: 'Input voltage',
  iout: 'Output current',
  iload: 'Load current',
  iin: 'Input current',
  iq: 'Quiescent current',
  dropout: 'Dropout voltage',
  pdiss: 'Power dissipation',
  tj: 'Junction temperature',
  tcase: 'Case temperature',
  temperature: 'Temperature',
  // The results a campaign tabulates (docs/campaigns.md).
  vout_v: 'Output voltage',
  vout_25c_v: 'Output voltage at 25 \u00b0C',
  tempco_ppm_per_c: 'Output voltage tempco',
  tempco_box_ppm_per_c: 'Output voltage tempco (box)',
  load_regulation_pct: 'Load regulation',
  load_regulation_mohm: 'Load regulation (output resistance)',
  line_regulation_pct_per_v: 'Line regulation',
  line_regulation_mv_per_v: 'Line regulation (mV/V)',
  dropout_v: 'Dropout voltage',
  iq_ua: 'Quiescent current',
  iq_tempco_pct_per_c: 'Quiescent current tempco',
}

/**
 * A readable name for a measured parameter (`vout` → "Output voltage"; a board-wide run's `vout_s3` → "Output
 * voltage, socket 3"); unknown names stay as they are.
 */
export function parameterLabel(parameter: string): string {
  const ofSocket = parseSocketReading(parameter)
  if (ofSocket) return `${parameterLabel(ofSocket.parameter)}, socket ${ofSocket.socket}`
  return labels[parameter.replace(/_avg$/, '')] ?? parameter
}
