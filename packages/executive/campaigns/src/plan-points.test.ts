import { createTestRegistry, dvtTests } from '@dvt/framework'
import { describe, expect, it } from 'vitest'
import { describePlan, expandPlan, planBoards } from './plan-points'
import { loadPlan } from './plan-validation'

const registry = createTestRegistry(dvtTests)

const plan = loadPlan(
  {
    file: 'points.yaml',
    text: [
      'name: points',
      'lot: { name: L, size: 5, corners: { slow: { dropout_voltage: "+10%" } } }',
      'sockets: 1',
      'temperatures_c: [-40, 85]',
      'steps:',
      '  - test: load_regulation',
      '    sweep: { supply_v: [4, 5], step_settle_s: [10, 20, 30] }',
      '  - test: line_regulation',
    ].join('\n'),
  },
  { registry },
)

describe('expandPlan', () => {
  it('puts the temperature outermost, then the board, the step and the sweep point (first sweep key outermost)', () => {
    const points = expandPlan(plan)
    const boards = planBoards(plan)
    // 5 sampled parts and 1 corner on 1-socket boards; 6 + 1 points per board and temperature.
    expect(boards).toHaveLength(6)
    expect(points).toHaveLength(2 * 6 * 7)
    expect(points.map((p) => p.ordinal)).toEqual(points.map((_, i) => i))
    expect(points.slice(0, 7).map((p) => [p.temperatureC, p.board, p.stepIndex, p.sweepIndex, p.swept])).toEqual([
      [-40, 0, 0, 0, { supply_v: 4, step_settle_s: 10 }],
      [-40, 0, 0, 1, { supply_v: 4, step_settle_s: 20 }],
      [-40, 0, 0, 2, { supply_v: 4, step_settle_s: 30 }],
      [-40, 0, 0, 3, { supply_v: 5, step_settle_s: 10 }],
      [-40, 0, 0, 4, { supply_v: 5, step_settle_s: 20 }],
      [-40, 0, 0, 5, { supply_v: 5, step_settle_s: 30 }],
      [-40, 0, 1, 0, {}],
    ])
    expect(points[7]).toMatchObject({ temperatureC: -40, board: 1, stepIndex: 0 })
    expect(points.at(-1)).toMatchObject({ temperatureC: 85, board: 5, stepIndex: 1, test: 'line_regulation' })
  })

  it('fills boards socket by socket and leaves the last one part-full', () => {
    const wide = { ...plan, sockets: 4 }
    expect(planBoards(wide).map((b) => b.lotIndices)).toEqual([
      [0, 1, 2, 3],
      [4, 5],
    ])
    expect(describePlan(plan)).toBe('84 points over 2 temperatures, 6 boards of 1 socket, 2 steps (6 DUTs)')
  })
})
