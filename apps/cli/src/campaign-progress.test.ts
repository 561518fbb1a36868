import type { CampaignEvent } from '@dvt/campaigns'
import type { CampaignDut, CampaignPoint, CampaignProgress, CampaignRecord } from '@dvt/storage/records'
import { describe, expect, it } from 'vitest'
import { createCampaignProgress } from './campaign-progress'
import type { ProgressStream } from './progress-display'

const CLEAR = '\r\x1b[2K'
const base = (progress: Partial<CampaignProgress> = {}) => ({
  campaignId: 'c0ffee00-0000-4000-8000-000000000001',
  time: '2026-12-02T10:00:00.000Z',
  progress: { pointsDone: 0, pointsTotal: 14, dutsDone: 0, current: null, ...progress },
})
const campaign = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  name: 'LDO',
  lotName: 'L7',
  lotSize: 16,
  sockets: 8,
  temperaturesC: [25, 85],
} as CampaignRecord
const point = { temperatureIndex: 1, board: 0, stepIndex: 1, sweepIndex: 0, temperatureC: 85, test: 'dropout' }

const events: CampaignEvent[] = [
  { ...base(), type: 'campaign-started', campaign, resumed: false },
  { ...base(), type: 'temperature-started', temperatureIndex: 1, temperatureC: 85, temperatures: 2 },
  { ...base(), type: 'board-loaded', board: 0, boards: 2, serials: ['L7-001', 'L7-008'] },
  {
    ...base({ current: point }),
    type: 'point-started',
    point: { ...point, status: 'running' } as CampaignPoint,
    runId: 'r',
    attempt: 1,
  },
  {
    ...base({ pointsDone: 8 }),
    type: 'point-finished',
    point: { ...point, status: 'error' } as CampaignPoint,
    results: [],
    reason: 'the supply did not answer',
  },
  {
    ...base({ pointsDone: 8, dutsDone: 1 }),
    type: 'dut-finished',
    dut: { serial: 'L7-001', verdict: 'fail' } as CampaignDut,
    derived: [],
    yield: 0,
  },
  { ...base({ pointsDone: 14, dutsDone: 16 }), type: 'campaign-finished', campaign },
]

function stream(tty: boolean) {
  const chunks: string[] = []
  const s: ProgressStream = { isTTY: tty, columns: 200, write: (text) => chunks.push(text) }
  return { s, text: () => chunks.join('') }
}

describe('dvt run-plan progress', () => {
  it('prints one line per temperature, board, DUT and point that did not pass when not on a terminal', () => {
    const { s, text } = stream(false)
    const display = createCampaignProgress(s)
    for (const e of events) display.observe(e)
    expect(text().split('\n')).toEqual([
      'campaign c0ffee00: LDO — lot L7 (16 DUTs), 8 sockets, 25 / 85 °C',
      'temperature 2 of 2 (85 °C): ramp and soak',
      '  board 1 of 2 (2 sockets): L7-001 … L7-008',
      '  dropout at 85 °C, board 1: error — the supply did not answer',
      '  DUT L7-001: fail  (yield so far 0.0 %)',
      '',
    ])
  })

  it('redraws one line on a terminal: temperature k of n, board, step, points, DUTs and live yield', () => {
    const { s, text } = stream(true)
    const display = createCampaignProgress(s)
    for (const e of events.slice(0, 4)) display.observe(e)
    const last = text().split(CLEAR).at(-1)
    expect(last).toBe('temperature 2 of 2 (85 °C)  board 1 of 2 (2 sockets)  dropout  points 0/14  DUTs 0  yield —')
    for (const e of events.slice(4)) display.observe(e)
    expect(text()).toContain('DUTs 1  yield 0.0 %')
    expect(text().endsWith(CLEAR)).toBe(true)
  })
})
