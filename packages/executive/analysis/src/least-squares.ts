import { cholesky, choleskySolve, inverseSpd, type Matrix, multiply, quadraticForm, zeros } from './matrix'
import type { Uncertainty } from './statistics'

/** One unknown of a fit. */
export interface FitParameter {
  name: string
  initial: number
  /** Its typical size: numeric derivatives step by 1e-6 of it. */
  scale: number
  /** A trial value outside [min, max] is refused. */
  min?: number
  max?: number
}

/** Observations that share one noise level (one kind of reading of one test), estimated by the fit. */
export interface ObservationGroup {
  name: string
  y: readonly number[]
  /** Each observation's variance relative to the group's (1 when omitted). */
  relativeVariance?: readonly number[]
  /** A first guess of the group's noise: one standard deviation of an observation of relative variance 1. */
  sdHint: number
  /**
   * What the group's noise is known to be at least (from the spread of its readings, say): the fit never takes it
   * lower than `sd`, and where it holds, the group's noise estimate has the floor's `dof`.
   */
  floor?: { sd: number; dof: number }
}

export interface LeastSquaresProblem {
  parameters: readonly FitParameter[]
  groups: readonly ObservationGroup[]
  /** The model's value of every observation, group by group; null where the model cannot be evaluated. */
  predict(values: readonly number[]): number[][] | null
}

/** How one group came out: its noise, and the degrees of freedom that estimate has. */
export interface GroupFit {
  name: string
  n: number
  /** The group's noise: as its residuals show it, or its floor where they show less. */
  sd: number
  /** Of `sd`: n less what the fit spent on the group (the trace of its block of the hat matrix), or the floor's. */
  dof: number
  /** Whether `sd` is the floor. */
  floored: boolean
  /** The noise the residuals alone show (null with no degrees of freedom left for them). */
  residualSd: number | null
  residuals: number[]
}

export interface LeastSquaresFit {
  values: number[]
  /** Standard uncertainty of each parameter, with Welch–Satterthwaite degrees of freedom over the groups. */
  uncertainties: Uncertainty[]
  groups: GroupFit[]
  /** The uncertainty of Σ gradient[k]·value[k] (a derived quantity), with its degrees of freedom. */
  combination(gradient: readonly number[]): Uncertainty
}

/** Thrown when the observations do not determine a parameter (no group depends on it, or two are confounded). */
export class FitSingularError extends Error {
  constructor(readonly parameters: readonly string[]) {
    super(`the observations do not determine ${parameters.join(', ')}`)
  }
}

interface Flat {
  y: number[]
  group: number[]
  relativeVariance: number[]
}

function flatten(groups: readonly ObservationGroup[]): Flat {
  const flat: Flat = { y: [], group: [], relativeVariance: [] }
  groups.forEach((g, gi) => {
    g.y.forEach((y, i) => {
      flat.y.push(y)
      flat.group.push(gi)
      flat.relativeVariance.push(g.relativeVariance?.[i] ?? 1)
    })
  })
  return flat
}

function inBounds(parameters: readonly FitParameter[], values: readonly number[]): boolean {
  return parameters.every((p, k) => values[k]! >= (p.min ?? -Infinity) && values[k]! <= (p.max ?? Infinity))
}

/** The fit machinery over one problem: predictions, residuals, Jacobian and normal equations. */
function createSolver(problem: LeastSquaresProblem) {
  const flat = flatten(problem.groups)
  const { parameters } = problem
  const evaluate = (values: readonly number[]): number[] | null => {
    if (!inBounds(parameters, values)) return null
    const predicted = problem.predict(values)
    if (!predicted) return null
    const out = predicted.flat()
    return out.every(Number.isFinite) && out.length === flat.y.length ? out : null
  }
  const weights = (sds: readonly number[]) => flat.group.map((g, i) => 1 / (sds[g]! ** 2 * flat.relativeVariance[i]!))
  const chi2 = (f: readonly number[], w: readonly number[]) =>
    f.reduce((s, v, i) => s + w[i]! * (flat.y[i]! - v) ** 2, 0)

  /**
   * Forward differences (backward next to an upper bound); rows are observations. The model is nearly linear in
   * its parameters over a step of 1e-6 of their size, so this is as good as central differences at half the cost.
   * The last one is kept: the noise update changes the weights, not the Jacobian.
   */
  let last: { values: readonly number[]; j: Matrix } | null = null
  const jacobian = (values: readonly number[], f0: readonly number[]): Matrix => {
    if (last?.values.every((v, k) => v === values[k])) return last.j
    const columns = parameters.map((p, k) => {
      const h = p.scale * 1e-6
      const step = (d: number) => evaluate(values.map((v, j) => (j === k ? v + d : v)))
      const up = step(h)
      if (up) return up.map((u, i) => (u - f0[i]!) / h)
      const down = step(-h)
      return down ? down.map((d, i) => (f0[i]! - d) / h) : f0.map(() => 0)
    })
    const j = f0.map((_, i) => columns.map((c) => c[i]!))
    last = { values: [...values], j }
    return j
  }

  /** JᵀWJ over the observations `rows` (all by default). */
  const normal = (j: Matrix, w: readonly number[], rows?: readonly number[]): Matrix => {
    const n = parameters.length
    const a = zeros(n, n)
    for (const i of rows ?? j.keys()) {
      const ji = j[i]!
      for (let r = 0; r < n; r++) for (let c = 0; c <= r; c++) a[r]![c]! += w[i]! * ji[r]! * ji[c]!
    }
    for (let r = 0; r < n; r++) for (let c = r + 1; c < n; c++) a[r]![c] = a[c]![r]!
    return a
  }
  return { flat, evaluate, weights, chi2, jacobian, normal }
}

type Solver = ReturnType<typeof createSolver>

/** Levenberg–Marquardt with Marquardt's diagonal scaling, at fixed group noise. */
function minimize(solver: Solver, problem: LeastSquaresProblem, start: number[], sds: readonly number[]): number[] {
  const w = solver.weights(sds)
  let values = start
  let f = solver.evaluate(values)
  if (!f) throw new RangeError('the model cannot be evaluated at the starting values')
  let cost = solver.chi2(f, w)
  let lambda = 1e-3
  for (let iteration = 0; iteration < 200; iteration++) {
    const j = solver.jacobian(values, f)
    const a = solver.normal(j, w)
    const g = problem.parameters.map((_, k) =>
      f!.reduce((s, v, i) => s + w[i]! * j[i]![k]! * (solver.flat.y[i]! - v), 0),
    )
    const unused = problem.parameters.filter((_, k) => !(a[k]![k]! > 0)).map((p) => p.name)
    if (unused.length > 0) throw new FitSingularError(unused)
    let accepted: { values: number[]; f: number[]; cost: number; scaledStep: number } | null = null
    for (let attempt = 0; attempt < 30 && !accepted; attempt++) {
      const damped = a.map((row, r) => row.map((v, c) => (r === c ? v * (1 + lambda) : v)))
      const l = cholesky(damped)
      if (!l) {
        lambda *= 10
        continue
      }
      const delta = choleskySolve(l, g)
      const trial = values.map((v, k) => v + delta[k]!)
      const ft = solver.evaluate(trial)
      const trialCost = ft ? solver.chi2(ft, w) : Number.POSITIVE_INFINITY
      if (ft && trialCost <= cost) {
        const scaledStep = Math.max(...delta.map((d, k) => Math.abs(d) * Math.sqrt(a[k]![k]!)))
        accepted = { values: trial, f: ft, cost: trialCost, scaledStep }
        lambda = Math.max(lambda / 10, 1e-12)
      } else {
        lambda *= 10
      }
    }
    if (!accepted) break
    const improvement = cost - accepted.cost
    values = accepted.values
    f = accepted.f
    cost = accepted.cost
    if (accepted.scaledStep < 1e-7 || improvement <= 1e-13 * cost) break
  }
  return values
}

/**
 * Weighted nonlinear least squares with one unknown noise level per group (docs/twin.md#how-the-fit-works): fit at
 * the current noise levels, re-estimate each group's noise from its residuals over its own degrees of freedom (n less
 * the trace of its block of the hat matrix), repeat until they settle. The covariance is (JᵀWJ)⁻¹; each parameter's
 * degrees of freedom combine the groups' by Welch–Satterthwaite, so a parameter resting on a group of five points
 * gets Student's t for about three.
 */
export function fitLeastSquares(problem: LeastSquaresProblem): LeastSquaresFit {
  const solver = createSolver(problem)
  let sds = problem.groups.map((g) => g.sdHint)
  let values = problem.parameters.map((p) => p.initial)
  let state = summarize(solver, problem, values, sds)
  for (let round = 0; round < 40; round++) {
    values = minimize(solver, problem, values, sds)
    state = summarize(solver, problem, values, sds)
    const next = state.groups.map((g) => g.sd)
    const settled = next.every((s, gi) => Math.abs(s / sds[gi]! - 1) < 1e-3)
    sds = next
    if (settled) break
  }
  state = summarize(solver, problem, values, sds)
  const { covariance, perGroup, groups } = state
  const dofs = groups.map((g) => Math.max(g.dof, 1e-3))
  const combination = (gradient: readonly number[]): Uncertainty => {
    const variance = quadraticForm(covariance, gradient)
    const parts = perGroup.map((c) => quadraticForm(c, gradient))
    const denominator = parts.reduce((s, v, gi) => s + (v * v) / dofs[gi]!, 0)
    return { u: Math.sqrt(Math.max(variance, 0)), dof: denominator > 0 ? variance ** 2 / denominator : Infinity }
  }
  const unit = (k: number) => problem.parameters.map((_, j) => (j === k ? 1 : 0))
  return {
    values,
    uncertainties: problem.parameters.map((_, k) => combination(unit(k))),
    groups,
    combination,
  }
}

/** Covariance, each group's share of it, and each group's residuals, dof and noise at `values`. */
function summarize(solver: Solver, problem: LeastSquaresProblem, values: readonly number[], sds: readonly number[]) {
  const { flat } = solver
  const f = solver.evaluate(values)
  if (!f) throw new RangeError('the model cannot be evaluated at the fitted values')
  const w = solver.weights(sds)
  const j = solver.jacobian(values, f)
  const covariance = inverseSpd(solver.normal(j, w))
  if (!covariance) throw new FitSingularError(confounded(solver, problem, j, w))
  const rowsOf = problem.groups.map((_, gi) => flat.group.flatMap((g, i) => (g === gi ? [i] : [])))
  const perGroup = rowsOf.map((rows) => {
    return multiply(multiply(covariance, solver.normal(j, w, rows)), covariance)
  })
  const groups: GroupFit[] = problem.groups.map((g, gi) => {
    const rows = rowsOf[gi]!
    let leverage = 0
    let ssr = 0
    for (const i of rows) {
      leverage += w[i]! * quadraticForm(covariance, j[i]!)
      ssr += (flat.y[i]! - f[i]!) ** 2 / flat.relativeVariance[i]!
    }
    const dof = rows.length - leverage
    const residuals = rows.map((i) => flat.y[i]! - f[i]!)
    const sd = dof > 0.5 ? Math.sqrt(ssr / dof) : null
    const common = { name: g.name, n: rows.length, residualSd: sd, residuals }
    if (g.floor && (sd === null || sd < g.floor.sd)) return { ...common, ...g.floor, floored: true }
    return { ...common, sd: sd ?? sds[gi]!, dof, floored: false }
  })
  return { covariance, perGroup, groups }
}

/** The parameters whose information, scaled to correlations, is (nearly) a combination of the others'. */
function confounded(solver: Solver, problem: LeastSquaresProblem, j: Matrix, w: readonly number[]): string[] {
  const a = solver.normal(j, w)
  const names: string[] = []
  const kept: number[] = []
  problem.parameters.forEach((p, k) => {
    const trial = [...kept, k]
    const sub = trial.map((r) => trial.map((c) => a[r]![c]! / Math.sqrt(a[r]![r]! * a[c]![c]!)))
    if (a[k]![k]! > 0 && cholesky(sub.map((row, r) => row.map((v, c) => (r === c ? v - 1e-12 : v))))) kept.push(k)
    else names.push(p.name)
  })
  return names
}
