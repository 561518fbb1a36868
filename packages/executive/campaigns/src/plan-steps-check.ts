import { describeIssue } from '@dvt/config'
import type { DvtTest, TestRegistry } from '@dvt/framework'
import { DERIVED_PARAMETERS } from './derived-parameters'
import type { PlanPath } from './internal/yaml-locations'
import type { Plan, PlanStep } from './plan-schema'
import type { PlanIssue } from './plan-validation'

/**
 * The parameters the campaign gives every step itself: the temperature it soaked at, the board's sockets, and no
 * second dwell (the chamber is already stable).
 */
export const CAMPAIGN_SET_PARAMETERS = Object.freeze(['temperature_c', 'sockets', 'socket', 'dwell_s'] as const)

/** Whether a test can be a campaign step: it measures at one given temperature. */
export function isPerTemperatureTest(test: DvtTest): boolean {
  return 'temperature_c' in test.parameters.shape
}

/** The tests of the registry that can be campaign steps. */
export function campaignTests(registry: TestRegistry): DvtTest[] {
  return registry.list().filter(isPerTemperatureTest)
}

/** Tests, parameters, sweep values and step limits of every step, against the test's own schema. */
export function checkSteps(plan: Pick<Plan, 'sockets' | 'steps'>, registry: TestRegistry): PlanIssue[] {
  return plan.steps.flatMap((step, i) => checkStep(plan.sockets, step, i, registry))
}

/** The same for one step, `steps[index]` of a plan whose board has `sockets` sockets. */
export function checkStep(sockets: number, step: PlanStep, index: number, registry: TestRegistry): PlanIssue[] {
  const at: PlanPath = ['steps', index]
  const usable = campaignTests(registry).map((t) => t.name)
  if (!registry.has(step.test)) {
    return [
      { path: [...at, 'test'], message: `there is no test "${step.test}" — the steps can be ${usable.join(', ')}` },
    ]
  }
  const test = registry.get(step.test)
  if (!isPerTemperatureTest(test)) {
    const message = `${test.name} visits temperatures itself and cannot be a campaign step — the steps can be ${usable.join(', ')}`
    return [{ path: [...at, 'test'], message }]
  }
  if (sockets > 1 && !('sockets' in test.parameters.shape)) {
    return [
      { path: [...at, 'test'], message: `${test.name} measures one socket and cannot test a board of ${sockets}` },
    ]
  }
  const issues = [
    ...checkNames(test, Object.keys(step.parameters), [...at, 'parameters']),
    ...checkNames(test, Object.keys(step.sweep), [...at, 'sweep']),
  ]
  for (const key of Object.keys(step.sweep)) {
    if (key in step.parameters) {
      issues.push({ path: [...at, 'sweep'], key, message: `"${key}" is both swept and fixed — give it in one place` })
    }
  }
  if (issues.length > 0) return issues
  issues.push(...checkValues(test, step, at))
  const names = new Set([
    ...test.measurements.map((m) => m.name),
    ...DERIVED_PARAMETERS.filter((d) => d.from.test === test.name).map((d) => d.name),
  ])
  for (const name of Object.keys(step.limits)) {
    if (names.has(name)) continue
    const message = `${test.name} measures no "${name}" — it measures ${[...names].join(', ')}`
    issues.push({ path: [...at, 'limits'], key: name, message })
  }
  return issues
}

function checkNames(test: DvtTest, keys: readonly string[], at: PlanPath): PlanIssue[] {
  const known = Object.keys(test.parameters.shape)
  const open = known.filter((k) => !(CAMPAIGN_SET_PARAMETERS as readonly string[]).includes(k))
  return keys.flatMap((key): PlanIssue[] => {
    if ((CAMPAIGN_SET_PARAMETERS as readonly string[]).includes(key)) {
      return [{ path: at, key, message: `"${key}" is set by the campaign itself (temperatures_c, sockets, soak)` }]
    }
    if (known.includes(key)) return []
    return [{ path: at, key, message: `${test.name} has no parameter "${key}" — it takes ${open.join(', ')}` }]
  })
}

/** The fixed parameters, then each sweep value with the others at their first value, through the test's schema. */
function checkValues(test: DvtTest, step: PlanStep, at: PlanPath): PlanIssue[] {
  const issues: PlanIssue[] = []
  const firsts = Object.fromEntries(Object.entries(step.sweep).map(([k, values]) => [k, values[0]]))
  const fixed = test.parameters.safeParse({ ...step.parameters, ...firsts })
  if (!fixed.success) {
    for (const issue of fixed.error.issues) {
      const [key, ...rest] = issue.path
      if (typeof key === 'string' && key in step.parameters) {
        issues.push({ path: [...at, 'parameters', key, ...(rest as PlanPath)], message: describeIssue(issue) })
      }
    }
  }
  for (const [key, values] of Object.entries(step.sweep)) {
    values.forEach((value, j) => {
      const parsed = test.parameters.safeParse({ ...step.parameters, ...firsts, [key]: value })
      const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === key)
      if (issue) {
        const rest = issue.path.slice(1) as PlanPath
        issues.push({ path: [...at, 'sweep', key, j, ...rest], message: describeIssue(issue) })
      }
    })
  }
  return issues
}
