import { DEFAULT_LDO_PARAMETERS, DEFAULT_PHYSICS_PARAMS, type LdoParameters } from '@dvt/physics'
import type { TwinCandidate } from './twin-model'
import type { TwinData } from './twin-observations'

/** What a set of runs covers, which decides the parameters they determine. */
export interface Coverage {
  voutPoints: number
  /** Distinct chamber temperatures (5 °C apart) of the V_out readings. */
  voutTemperatures: number
  voutLoads: number
  voutInputs: number
  dropoutCorners: number
  dropoutTemperatures: number
  iqTemperatures: number
  transients: number
}

/** One parameter of the twin (docs/twin.md#parameters). */
export interface TwinParameterSpec {
  /** The DUT file's key (`dut.parameters.*` or `physics.thermal.*`); `theta_jc_plus_ca` is θ_jc + θ_ca. */
  key: string
  /** How tables name it. */
  label: string
  unit: string
  /** Its typical size, for the fit's numeric derivatives. */
  scale: number
  min?: number
  /** Whether runs with this coverage determine it (otherwise it is held at the model's default). */
  determined(c: Coverage): boolean
  /** The tests whose readings carry it. */
  from: readonly string[]
  get(candidate: TwinCandidate): number
  set(candidate: TwinCandidate, value: number): void
}

const defaultThermal = DEFAULT_PHYSICS_PARAMS.thermal

function ldoParameter(
  key: keyof LdoParameters,
  label: string,
  unit: string,
  scale: number,
  determined: (c: Coverage) => boolean,
  from: readonly string[],
  min?: number,
): TwinParameterSpec {
  return {
    key,
    label,
    unit,
    scale,
    ...(min === undefined ? {} : { min }),
    determined,
    from,
    get: (candidate) => candidate.ldo[key],
    set: (candidate, value) => {
      candidate.ldo[key] = value
    },
  }
}

/** A parameter of the thermal path, kept in a field of the candidate (all three have the same scale). */
function thermalParameter(
  key: string,
  label: string,
  unit: string,
  field: 'theta' | 'thetaCa' | 'caseTimeConstant',
  determined: (c: Coverage) => boolean,
  from: readonly string[],
  min = 0,
): TwinParameterSpec {
  return {
    key,
    label,
    unit,
    scale: 0.1,
    min,
    determined,
    from,
    get: (candidate) => candidate[field],
    set: (candidate, value) => {
      candidate[field] = value
    },
  }
}

const tempcoKnown = (c: Coverage) => c.voutTemperatures >= 2
const loadStep = (c: Coverage) => c.transients > 0 && tempcoKnown(c)
const V_OUT_TESTS = ['tempco', 'load_regulation', 'line_regulation']

/** The parameters `dvt fit` estimates, in the order tables list them. */
export const TWIN_PARAMETERS: readonly TwinParameterSpec[] = [
  ldoParameter('nominal_output_voltage', 'V_out(25 °C)', 'V', 1e-3, (c) => c.voutPoints > 0, V_OUT_TESTS, 0),
  ldoParameter('tempco_ppm_per_c', 'tempco', 'ppm/°C', 1, tempcoKnown, ['tempco']),
  ldoParameter('load_regulation_ohm', 'load regulation', 'Ω', 1e-3, (c) => c.voutLoads >= 2, ['load_regulation'], 0),
  ldoParameter('line_regulation_pct_per_v', 'line regulation', '%/V', 1e-3, (c) => c.voutInputs >= 2, [
    'line_regulation',
    'load_regulation',
  ]),
  ldoParameter('dropout_voltage', 'dropout at 300 K', 'V', 1e-3, (c) => c.dropoutCorners > 0, ['dropout'], 0),
  ldoParameter(
    'dropout_temperature_exponent',
    'dropout temperature exponent',
    '',
    0.01,
    (c) => c.dropoutTemperatures >= 2,
    ['dropout'],
  ),
  ldoParameter('quiescent_current_ua', 'I_q(25 °C)', 'µA', 1, (c) => c.iqTemperatures >= 1, ['iq_vs_temp'], 0),
  ldoParameter('quiescent_current_tempco', 'I_q tempco', '/°C', 1e-4, (c) => c.iqTemperatures >= 2, ['iq_vs_temp']),
  thermalParameter(
    'theta_jc_plus_ca',
    'θ_jc + θ_ca',
    '°C/W',
    'theta',
    (c) => loadStep(c) && c.voutLoads >= 2 && c.voutInputs >= 2,
    ['load_regulation', 'line_regulation', 'tempco'],
  ),
  thermalParameter('theta_ca', 'θ_ca', '°C/W', 'thetaCa', loadStep, ['load_regulation']),
  thermalParameter('case_time_constant_s', 'τ_case', 's', 'caseTimeConstant', loadStep, ['load_regulation'], 1e-3),
]

/** The model's own defaults (docs/physics.md#parameters): where a parameter the runs do not determine is held. */
export function defaultCandidate(nominalInputVoltage: number): TwinCandidate {
  return {
    ldo: { ...DEFAULT_LDO_PARAMETERS, nominal_input_voltage: nominalInputVoltage },
    theta: defaultThermal.theta_jc + defaultThermal.theta_ca,
    thetaCa: defaultThermal.theta_ca,
    caseTimeConstant: defaultThermal.case_time_constant_s,
  }
}

const level = (t: number) => Math.round(t / 5)
const distinct = (values: readonly number[]) => new Set(values).size

/** What the runs cover. */
export function coverageOf(data: TwinData): Coverage {
  const vout = [
    ...data.steady.filter((r) => r.quantity === 'vout').map((r) => r.condition),
    ...data.sequences.flatMap((s) =>
      s.segments.flatMap((g) => (g.reading?.quantity === 'vout' ? [{ ...g, temperature: g.reading.temperature }] : [])),
    ),
  ]
  const corners = data.sequences.flatMap((s) =>
    s.segments.some((g) => g.reading?.quantity === 'dropout') ? [s.start] : [],
  )
  const iq = data.steady.filter((r) => r.quantity === 'iq').map((r) => r.condition)
  return {
    voutPoints: vout.length,
    voutTemperatures: distinct(vout.map((c) => level(c.temperature))),
    voutLoads: distinct(vout.map((c) => c.load)),
    voutInputs: distinct(vout.map((c) => c.vin)),
    dropoutCorners: corners.length,
    dropoutTemperatures: distinct(corners.map((c) => level(c.temperature))),
    iqTemperatures: distinct(iq.map((c) => level(c.temperature))),
    transients: data.offsets,
  }
}
