import { randomUUID } from 'node:crypto'
import type { NewCampaign, NewCampaignPoint, NewCampaignResult } from '../records'

/** A campaign as `createCampaign` takes it: a small plan of 4 DUTs on 2 sockets at two temperatures. */
export function newCampaign(overrides: Partial<NewCampaign> = {}): NewCampaign {
  return {
    id: randomUUID(),
    name: 'LDO characterisation',
    startedAt: '2025-03-01T10:00:00.000Z',
    station: 'bench-1',
    operator: 'ada',
    planPath: 'plans/ldo.yaml',
    planText: 'name: LDO characterisation\n',
    plan: { name: 'LDO characterisation', sockets: 2 },
    lotName: 'LOT1',
    lotSize: 4,
    sockets: 2,
    temperaturesC: [25, 85],
    minYield: 0.9,
    softwareVersion: '0.1.0',
    ...overrides,
  }
}

/** The points of `newCampaign`: 2 temperatures × 2 boards × 1 step × 2 sweep points, in execution order. */
export function campaignPoints(): NewCampaignPoint[] {
  const points: NewCampaignPoint[] = []
  for (const [temperatureIndex, temperatureC] of [25, 85].entries()) {
    for (const board of [0, 1]) {
      for (const [sweepIndex, supply] of [4, 5].entries()) {
        points.push({
          ordinal: points.length,
          temperatureIndex,
          board,
          stepIndex: 0,
          sweepIndex,
          temperatureC,
          test: 'load_regulation',
          parameters: { supply_v: supply },
        })
      }
    }
  }
  return points
}

/** One measured result of a DUT at a condition. */
export function campaignResult(overrides: Partial<NewCampaignResult> = {}): NewCampaignResult {
  return {
    serial: 'LOT1-001',
    socket: 1,
    test: 'load_regulation',
    conditions: { temperature_c: 25, supply_v: 4 },
    parameter: 'load_regulation_pct',
    value: 0.42,
    unit: '%',
    lowerLimit: null,
    upperLimit: 1.5,
    passed: true,
    runId: randomUUID(),
    truth: null,
    ...overrides,
  }
}
