import type { RunData } from '@dvt/analysis'
import { DUT_FILE_FORMAT, type DutFile } from '@dvt/config'
import { DVT_VERSION } from '@dvt/config/version'
import { TWIN_LEVEL, type TwinFit } from './fit-twin'

/** The LDO parameters a twin file sets: the fitted ones and the reference of line regulation. */
const LDO_KEYS = [
  'nominal_output_voltage',
  'tempco_ppm_per_c',
  'load_regulation_ohm',
  'line_regulation_pct_per_v',
  'dropout_voltage',
  'dropout_temperature_exponent',
  'quiescent_current_ua',
  'quiescent_current_tempco',
  'nominal_input_voltage',
] as const

/** Keeps a value to the digits its interval justifies (and never fewer than 6 significant). */
const rounded = (value: number) => Number(value.toPrecision(10))

/**
 * The DUT file of a fitted twin (docs/twin.md#the-dut-file): every parameter the fit used — estimated or held at the
 * model's default — so that `dvt serve --dut` hosts exactly the part the fit describes; and what the fit found.
 */
export function twinDutFile(fit: TwinFit, runs: readonly RunData[], now: Date = new Date()): DutFile {
  const { candidate } = fit
  const serial = runs.map((r) => r.run.dutSerial).find((s): s is string => s !== null) ?? null
  const parameters = Object.fromEntries(LDO_KEYS.map((key) => [key, rounded(candidate.ldo[key])]))
  const thermal = {
    theta_jc: rounded(candidate.theta - candidate.thetaCa),
    theta_ca: rounded(candidate.thetaCa),
    case_time_constant_s: rounded(candidate.caseTimeConstant),
  }
  const fitted = Object.fromEntries(
    fit.parameters.map((p) => [
      p.key,
      { value: rounded(p.value), unit: p.unit, fitted: p.fitted, u: p.u, dof: p.dof, low: p.low, high: p.high },
    ]),
  )
  const count = `${runs.length} run${runs.length === 1 ? '' : 's'}`
  return {
    format: DUT_FILE_FORMAT,
    description: `twin of ${serial ? `part ${serial}` : 'one part'}, fitted by dvt fit from ${count}`,
    dut: { model: 'ldo', parameters },
    physics: { thermal },
    fit: {
      runs: runs.map((r) => r.run.id),
      serial,
      fitted_at: now.toISOString(),
      software_version: DVT_VERSION,
      level: TWIN_LEVEL,
      parameters: fitted,
    },
  }
}
