import { randomUUID } from 'node:crypto'
import { judge, type RunSession, type RunState } from '@dvt/framework'
import type { CampaignPoint, CampaignResult, FinalCampaignPointStatus } from '@dvt/storage/records'
import { limitsFor } from '../plan-limits'
import type { Plan } from '../plan-schema'
import { truthOf } from '../truth'
import type { CampaignState } from './campaign-state'

/**
 * The parameters of a point's run: the step's and the sweep point's, the temperature the chamber soaked at, the
 * board's sockets, no second dwell and the plan's chamber settings (only those the test takes).
 */
export function runParameters(
  session: RunSession,
  plan: Plan,
  point: CampaignPoint,
  sockets: number,
): Record<string, unknown> {
  const shape = session.registry.get(point.test).parameters.shape
  const s = plan.soak
  const campaign: Record<string, unknown> = {
    temperature_c: point.temperatureC,
    sockets: Array.from({ length: sockets }, (_, k) => k + 1),
    dwell_s: 0,
    ramp_c_per_min: s.ramp_c_per_min,
    window_c: s.window_c,
    soak_s: s.soak_s,
    poll_s: s.poll_s,
    max_settle_s: s.max_settle_s,
  }
  const given = Object.fromEntries(Object.entries(campaign).filter(([key]) => key in shape))
  return { ...point.parameters, ...given }
}

/** The conditions of a point's results: its temperature and the values swept at it. */
export function pointConditions(plan: Plan, point: CampaignPoint): Record<string, number | string> {
  const swept = Object.keys(plan.steps[point.stepIndex]?.sweep ?? {})
  const conditions: Record<string, number | string> = { temperature_c: point.temperatureC }
  for (const key of swept) {
    const value = point.parameters[key]
    conditions[key] = typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value)
  }
  return conditions
}

/** A run's per-socket results as the campaign keeps them: its DUT, conditions, the plan's limits, the truth. */
export function campaignResults(
  plan: Plan,
  state: CampaignState,
  point: CampaignPoint,
  run: RunState,
  campaignId: string,
): CampaignResult[] {
  const conditions = pointConditions(plan, point)
  return run.results.flatMap((r) => {
    const dut = state.dutAt(point.board, r.socket ?? 1)
    if (!dut) return []
    const own = { lower: r.lowerLimit ?? undefined, upper: r.upperLimit ?? undefined }
    const limits = limitsFor(plan, { stepIndex: point.stepIndex, test: point.test }, r.parameter, own)
    const judged = judge(r.parameter, r.value, r.unit, limits)
    const truth = truthOf(r.parameter, dut.truth, { temperatureC: point.temperatureC, parameters: run.parameters })
    return [
      {
        campaignId,
        serial: dut.serial,
        socket: dut.socket,
        test: point.test,
        conditions,
        parameter: r.parameter,
        value: r.value,
        unit: r.unit,
        lowerLimit: judged.lowerLimit,
        upperLimit: judged.upperLimit,
        passed: judged.passed,
        runId: run.id,
        truth,
      },
    ]
  })
}

/** How a point ends after its run: done, failed (a result outside its limits) or error. */
export function pointStatus(run: RunState | null, results: readonly CampaignResult[]): FinalCampaignPointStatus {
  if (run === null || run.status === 'error' || run.status === 'aborted') return 'error'
  return results.some((r) => r.passed === false) ? 'failed' : 'done'
}

/** One attempt at a point: the run's ID, made before the run so the point names it while it runs. */
export interface PointAttempt {
  runId: string
  attempt: number
}

export function nextAttempt(point: CampaignPoint): PointAttempt {
  return { runId: randomUUID(), attempt: point.attempts + 1 }
}
