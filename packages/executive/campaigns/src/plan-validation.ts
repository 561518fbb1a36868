import { describeIssue } from '@dvt/config'
import { defaultRegistry, type TestRegistry } from '@dvt/framework'
import { LineCounter, parseDocument } from 'yaml'
import type { z } from 'zod'
import { CampaignError } from './campaign-error'
import { DERIVED_PARAMETERS } from './derived-parameters'
import { formatPath, lineOf, type PlanPath } from './internal/yaml-locations'
import { applyOverrides, overrideAt, parseOverrides } from './plan-overrides'
import { type Plan, planSchema, stepSchema } from './plan-schema'
import { checkStep, checkSteps } from './plan-steps-check'

/** A plan as given: its YAML, where it came from (for messages) and `--set` overrides. */
export interface PlanSource {
  text: string
  /** How messages name the plan: `plans/ldo-datasheet.yaml` [`plan`]. */
  file?: string | null
  /** `key=value` items (`lot.size=16`), applied on top of the YAML. */
  sets?: readonly string[]
}

export interface PlanValidationOptions {
  /** The tests steps may name [the DVT library]. */
  registry?: TestRegistry
}

/** A problem found at `path` of the plan (an empty path: the plan as a whole). */
export interface PlanIssue {
  path: PlanPath
  message: string
  /** Report at the line of this key of the mapping at `path` (an unknown key), not at the mapping. */
  key?: string
}

export type PlanValidation = { ok: true; plan: Plan } | { ok: false; problems: string[] }

/**
 * Validates a plan: YAML syntax, the plan's shape (zod), then what needs the test library (tests, parameters, sweep
 * values, limit names, the variant). Every problem is one sentence that starts with where it is:
 * `plans/x.yaml:12: steps[1].sweep.load_a: …`, or `--set lot.size: …` for a value given on the command line.
 */
export function validatePlan(source: PlanSource, options: PlanValidationOptions = {}): PlanValidation {
  const file = source.file ?? 'plan'
  const counter = new LineCounter()
  const doc = parseDocument(source.text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false })
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((error) => {
      const line = error.linePos?.[0]?.line ?? counter.linePos(error.pos[0]).line
      return `${file}:${line}: YAML syntax error: ${firstLine(error.message)}`
    })
    return { ok: false, problems }
  }
  const { overrides, problems: setProblems } = parseOverrides(source.sets ?? [])
  if (setProblems.length > 0) return { ok: false, problems: setProblems }
  const data = doc.toJS() as unknown
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [`${file}:1: the plan must be a mapping of keys (name, lot, sockets, …)`] }
  }
  applyOverrides(data as Record<string, unknown>, overrides)
  const where = (issue: PlanIssue) => {
    const path = issue.key === undefined ? issue.path : [...issue.path, issue.key]
    const set = overrideAt(overrides, path)
    if (set) return `--set ${set.key}: ${issue.message}`
    return `${file}:${lineOf(doc, counter, issue.path, issue.key)}: ${formatPath(path)}: ${issue.message}`
  }
  const registry = options.registry ?? defaultRegistry
  const parsed = planSchema.safeParse(data)
  if (!parsed.success) {
    const shape = parsed.error.issues.flatMap(zodIssues)
    const steps = checkWellFormedSteps(data as Record<string, unknown>, shape, registry)
    return { ok: false, problems: byLine([...shape, ...steps].map(where)) }
  }
  const issues = semanticIssues(parsed.data, registry)
  if (issues.length > 0) return { ok: false, problems: byLine(issues.map(where)) }
  return { ok: true, plan: deepFreeze(parsed.data) }
}

/** The same, throwing `CAMPAIGN_INVALID_PLAN` with every problem. */
export function loadPlan(source: PlanSource, options: PlanValidationOptions = {}): Plan {
  const result = validatePlan(source, options)
  if (result.ok) return result.plan
  const count = result.problems.length
  const summary = count === 1 ? result.problems[0]! : `${count} problems in ${source.file ?? 'the plan'}`
  throw new CampaignError('CAMPAIGN_INVALID_PLAN', summary, result.problems)
}

/** One issue per unknown key (each at its own line), else the issue itself. */
function zodIssues(issue: z.core.$ZodIssue): PlanIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: issue.path as PlanPath,
      key,
      message: `"${key}" is not a key here — docs/campaigns.md lists the plan's keys`,
    }))
  }
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) {
    return [{ path: issue.path as PlanPath, message: `is missing (it is ${article(issue.expected)})` }]
  }
  return [{ path: issue.path as PlanPath, message: describeIssue(issue) }]
}

function article(expected: string): string {
  return expected === 'array' ? 'a list' : expected === 'object' ? 'a mapping of keys' : `a ${expected}`
}

/**
 * In a plan whose shape is wrong somewhere, the steps that are well formed are still checked against the test library,
 * so one look names a misspelt test as well as, say, a bad `sockets` (with `sockets` itself wrong, as one socket).
 */
function checkWellFormedSteps(data: Record<string, unknown>, shape: PlanIssue[], registry: TestRegistry): PlanIssue[] {
  if (!Array.isArray(data.steps)) return []
  const sockets = planSchema.shape.sockets.safeParse(data.sockets)
  return data.steps.flatMap((raw, i) => {
    if (shape.some(({ path }) => path[0] === 'steps' && path[1] === i)) return []
    const step = stepSchema.safeParse(raw)
    return step.success ? checkStep(sockets.success ? sockets.data : 1, step.data, i, registry) : []
  })
}

/** What the shape cannot say: each temperature once, the variant exists, limits name something measured. */
function semanticIssues(plan: Plan, registry: TestRegistry): PlanIssue[] {
  const issues: PlanIssue[] = []
  plan.temperatures_c.forEach((t, i) => {
    if (plan.temperatures_c.indexOf(t) !== i) {
      issues.push({ path: ['temperatures_c', i], message: `${t} °C is listed twice — give each temperature once` })
    }
  })
  issues.push(...checkSteps(plan, registry))
  const variants = Object.keys(plan.variants)
  if (plan.variant !== null && !variants.includes(plan.variant)) {
    const known =
      variants.length === 0 ? 'the plan declares no variants' : `the plan's variants are ${variants.join(', ')}`
    issues.push({ path: ['variant'], message: `there is no variant "${plan.variant}" — ${known}` })
  }
  const measured = new Set<string>(DERIVED_PARAMETERS.map((d) => d.name))
  for (const step of plan.steps) {
    if (registry.has(step.test)) for (const m of registry.get(step.test).measurements) measured.add(m.name)
  }
  const checkLimits = (limits: Record<string, unknown>, path: PlanPath) => {
    for (const name of Object.keys(limits)) {
      if (measured.has(name)) continue
      issues.push({
        path,
        key: name,
        message: `no step measures "${name}" and no parameter is derived by that name — the parameters are ${[...measured].join(', ')}`,
      })
    }
  }
  checkLimits(plan.limits, ['limits'])
  for (const [name, variant] of Object.entries(plan.variants)) checkLimits(variant.limits, ['variants', name, 'limits'])
  return issues
}

/** Problems in file order (by line; `--set` ones first, as given). */
function byLine(problems: string[]): string[] {
  const line = (p: string) => Number(/^[^:]*:(\d+):/.exec(p)?.[1] ?? 0)
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => line(a.p) - line(b.p) || a.i - b.i)
    .map(({ p }) => p)
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim()
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
