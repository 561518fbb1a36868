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
