import {
  coverageFactor,
  type FitParameter,
  fitLeastSquares,
  type GroupFit,
  type LeastSquaresProblem,
  type ObservationGroup,
  type RunData,
} from '@dvt/analysis'
import { predictObservations, type TwinCandidate } from './twin-model'
import { noiseBudget } from './twin-noise'
import { type TwinData, twinData } from './twin-observations'
import { coverageOf, defaultCandidate, TWIN_PARAMETERS, type TwinParameterSpec } from './twin-parameters'

/** The confidence level of the reported intervals. */
export const TWIN_LEVEL = 0.95

/** One estimated (or held) parameter of the twin. */
export interface TwinParameterResult {
  key: string
  label: string
  unit: string
  value: number
  /** False: the runs do not determine it and it is held at the model's default. */
  fitted: boolean
  /** Standard uncertainty and its degrees of freedom (fitted parameters only). */
  u: number | null
  dof: number | null
  /** The 95 % interval. */
  low: number | null
  high: number | null
  from: readonly string[]
}

export interface TwinFit {
  parameters: TwinParameterResult[]
  /** The twin: every parameter at its estimate or its default. */
  candidate: TwinCandidate
  /** Each observation group's noise as the fit found it. */
  groups: Array<Omit<GroupFit, 'residuals'> & { rmsResidual: number }>
}

/** A first guess of each group's noise (one reading's worth); the fit replaces it with what the residuals show. */
const NOISE_HINTS: Readonly<Record<string, number>> = { iq_vs_temp: 5e-6, dropout: 5e-5, load_step: 2e-5 }

/**
 * The observation groups in the order they first appear, with each observation's place in its group. A group with a
 * noise budget is weighted by it and floored at it (its noise then counts in units of the budget).
 */
function groupsOf(data: TwinData): { groups: ObservationGroup[]; place: Array<[number, number]> } {
  const budget = noiseBudget(data)
  const names: string[] = []
  const members: number[][] = []
  const place = data.observations.map(({ group }, i): [number, number] => {
    let g = names.indexOf(group)
    if (g < 0) g = names.push(group) - 1
    members[g] ??= []
    return [g, members[g]!.push(i) - 1]
  })
  const groups = names.map((name, g): ObservationGroup => {
    const indices = members[g]!
    const y = indices.map((i) => data.observations[i]!.y)
    const dof = budget.dof.get(name)
    if (dof === undefined) return { name, y, sdHint: NOISE_HINTS[name] ?? 5e-6 }
    const relativeVariance = indices.map((i) => budget.variance[i]!)
    return { name, y, relativeVariance, sdHint: 1, floor: { sd: 1, dof } }
  })
  return { groups, place }
}

function candidateFrom(
  base: TwinCandidate,
  free: readonly TwinParameterSpec[],
  values: readonly number[],
): TwinCandidate {
  const candidate = { ...base, ldo: { ...base.ldo } }
  free.forEach((spec, k) => {
    spec.set(candidate, values[k]!)
  })
  return candidate
}

/** The problem's predictions: the candidate's model of every observation, split into the groups. */
function predictor(data: TwinData, base: TwinCandidate, free: readonly TwinParameterSpec[]) {
  const { groups, place } = groupsOf(data)
  return {
    groups,
    predict(values: readonly number[]): number[][] | null {
      const candidate = candidateFrom(base, free, values)
      if (candidate.thetaCa > candidate.theta) return null
      let flat: number[]
      try {
        flat = predictObservations(candidate, data, values.slice(free.length))
      } catch {
        return null
      }
      const out = groups.map((g) => new Array<number>(g.y.length))
      flat.forEach((v, i) => {
        const [g, k] = place[i]!
        out[g]![k] = v
      })
      return out
    },
  }
}

/** The supply voltage the runs were made at: the reference of line regulation (nominal_input_voltage). */
function referenceInput(runs: readonly RunData[]): number {
  const supply = runs.map((r) => r.run.parameters.supply_v).find((v): v is number => typeof v === 'number')
  return supply ?? 5
}

/**
 * Estimates a part's model parameters from its runs (docs/twin.md): every reading the five library tests record,
 * fitted at once by the simulator's own LDO model and thermal network, each parameter with its 95 % interval.
 * Parameters the runs do not determine are held at the model's defaults and reported as not fitted.
 */
export function fitTwin(runs: readonly RunData[]): TwinFit {
  const data = twinData(runs)
  const base = defaultCandidate(referenceInput(runs))
  const free = TWIN_PARAMETERS.filter((spec) => spec.determined(coverageOf(data)))
  const parameters: FitParameter[] = [
    ...free.map((spec) => ({
      name: spec.key,
      initial: spec.get(base),
      scale: spec.scale,
      ...(spec.min === undefined ? {} : { min: spec.min }),
    })),
    ...Array.from({ length: data.offsets }, (_, i) => ({ name: `load step ${i + 1} offset`, initial: 0, scale: 1e-4 })),
  ]
  const problem: LeastSquaresProblem = { parameters, ...predictor(data, base, free) }
  const fit = fitLeastSquares(problem)
  const candidate = candidateFrom(base, free, fit.values)
  const interval = (value: number, u: { u: number; dof: number }) => {
    const half = coverageFactor(TWIN_LEVEL, u.dof) * u.u
    return { value, u: u.u, dof: u.dof, low: value - half, high: value + half }
  }
  const results: TwinParameterResult[] = TWIN_PARAMETERS.map((spec) => {
    const k = free.indexOf(spec)
    const common = { key: spec.key, label: spec.label, unit: spec.unit, from: spec.from }
    if (k < 0)
      return { ...common, value: spec.get(candidate), fitted: false, u: null, dof: null, low: null, high: null }
    return { ...common, fitted: true, ...interval(fit.values[k]!, fit.uncertainties[k]!) }
  })
  results.splice(results.findIndex((r) => r.key === 'theta_ca') + 1, 0, thetaJc(candidate, free, fit, interval))
  return {
    parameters: results,
    candidate,
    groups: fit.groups.map(({ residuals, ...g }) => ({
      ...g,
      rmsResidual: Math.sqrt(residuals.reduce((s, r) => s + r * r, 0) / Math.max(1, residuals.length)),
    })),
  }
}

/** θ_jc = (θ_jc + θ_ca) − θ_ca, with the uncertainty of that difference. */
function thetaJc(
  candidate: TwinCandidate,
  free: readonly TwinParameterSpec[],
  fit: ReturnType<typeof fitLeastSquares>,
  interval: (
    value: number,
    u: { u: number; dof: number },
  ) => Omit<TwinParameterResult, 'key' | 'label' | 'unit' | 'fitted' | 'from'>,
): TwinParameterResult {
  const value = candidate.theta - candidate.thetaCa
  const common = { key: 'theta_jc', label: 'θ_jc', unit: '°C/W', from: ['load_regulation'] }
  const sum = free.findIndex((s) => s.key === 'theta_jc_plus_ca')
  const ca = free.findIndex((s) => s.key === 'theta_ca')
  if (sum < 0 || ca < 0) return { ...common, value, fitted: false, u: null, dof: null, low: null, high: null }
  const gradient = fit.values.map((_, k) => (k === sum ? 1 : k === ca ? -1 : 0))
  return { ...common, fitted: true, ...interval(value, fit.combination(gradient)) }
}
