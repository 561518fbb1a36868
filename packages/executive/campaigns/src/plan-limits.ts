import type { Limits } from '@dvt/framework'
import type { Plan } from './plan-schema'

/**
 * The limits a campaign judges `parameter` by, the most specific first: the plan's variant (its SKU), then the step
 * (`stepIndex`, or the first step of `test` for a derived parameter), then the whole plan; otherwise `own` (the
 * test's own limits, from its parameters). docs/campaigns.md#limits
 */
export function limitsFor(
  plan: Plan,
  where: { stepIndex?: number; test: string },
  parameter: string,
  own: Limits = {},
): Limits {
  const variant = plan.variant === null ? undefined : plan.variants[plan.variant]?.limits[parameter]
  const stepIndex = where.stepIndex ?? plan.steps.findIndex((s) => s.test === where.test)
  const step = plan.steps[stepIndex]?.limits[parameter]
  return variant ?? step ?? plan.limits[parameter] ?? own
}
