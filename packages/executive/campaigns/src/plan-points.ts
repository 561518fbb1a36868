import type { CampaignPointKey } from '@dvt/storage/records'
import type { Plan, PlanStep } from './plan-schema'

/** One point of a plan before it is stored: where it is, what it runs and with which parameters. */
export interface PlannedPoint extends CampaignPointKey {
  ordinal: number
  temperatureC: number
  test: string
  /** The step's fixed parameters and this sweep point's values (the campaign adds temperature, sockets, dwell). */
  parameters: Record<string, unknown>
  /** The swept parameters' values at this point: with the temperature, the conditions of its results. */
  swept: Record<string, unknown>
}

/** One board: which lot members (0-based indices) it holds, socket 1 first. */
export interface PlannedBoard {
  board: number
  /** Lot indices, 0-based; socket s holds `lotIndices[s − 1]`. */
  lotIndices: number[]
}

/** Members of the plan's lot: the sampled parts, then one per corner. */
export function lotMembers(plan: Plan): number {
  return plan.lot.size + Object.keys(plan.lot.corners).length
}

/** The boards the lot is measured on, `sockets` members each (the last one may be part-full). */
export function planBoards(plan: Plan): PlannedBoard[] {
  const members = lotMembers(plan)
  const boards: PlannedBoard[] = []
  for (let first = 0, board = 0; first < members; first += plan.sockets, board++) {
    const count = Math.min(plan.sockets, members - first)
    boards.push({ board, lotIndices: Array.from({ length: count }, (_, k) => first + k) })
  }
  return boards
}

/** The sweep points of a step: the cartesian product of its sweeps, the first key outermost. */
export function sweepPoints(step: PlanStep): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}]
  for (const [key, values] of Object.entries(step.sweep)) {
    points = points.flatMap((point) => values.map((value) => ({ ...point, [key]: value })))
  }
  return points
}

/** Every point of the plan in execution order: temperature, then board, then step, then sweep point. */
export function expandPlan(plan: Plan): PlannedPoint[] {
  const boards = planBoards(plan)
  const sweeps = plan.steps.map(sweepPoints)
  const points: PlannedPoint[] = []
  plan.temperatures_c.forEach((temperatureC, temperatureIndex) => {
    for (const { board } of boards) {
      plan.steps.forEach((step, stepIndex) => {
        sweeps[stepIndex]!.forEach((swept, sweepIndex) => {
          points.push({
            temperatureIndex,
            board,
            stepIndex,
            sweepIndex,
            ordinal: points.length,
            temperatureC,
            test: step.test,
            parameters: { ...step.parameters, ...swept },
            swept,
          })
        })
      })
    }
  })
  return points
}

/** `valid: 320 points over 4 temperatures, 4 boards of 8 sockets, 5 steps (32 DUTs)`. */
export function describePlan(plan: Plan): string {
  const points = expandPlan(plan).length
  const boards = planBoards(plan).length
  const t = plan.temperatures_c.length
  const duts = lotMembers(plan)
  return (
    `${points} points over ${t} temperature${t === 1 ? '' : 's'}, ${boards} board${boards === 1 ? '' : 's'} of ` +
    `${plan.sockets} socket${plan.sockets === 1 ? '' : 's'}, ${plan.steps.length} step${plan.steps.length === 1 ? '' : 's'} (${duts} DUTs)`
  )
}
