import { benchPorts, type TelemetrySnapshot } from '@dvt/protocol'
import { describe, expect, it } from 'vitest'
import {
  benchCardFacts,
  type CampaignNews,
  runCardFacts,
  stationCampaign,
} from '../web/src/features/fleet/hooks/card-facts'
import { idleBench, initialLiveState, type LiveState, reduceLive } from '../web/src/lib/ws-store'
import type { ServerMessage, StationRun } from './schemas/messages'

const fold = (messages: ServerMessage[], from: LiveState = initialLiveState()) => messages.reduce(reduceLive, from)

/** The keys the Fleet card reads of a snapshot (the rest of the bench state does not matter here). */
function snapshot(fields: Partial<TelemetrySnapshot>): TelemetrySnapshot {
  return { t_s: 1, chamber_c: 84.97, setpoint_c: 85, stable: false, dut_state: 'on', ...fields } as TelemetrySnapshot
}

function stationRun(fields: Partial<StationRun> = {}): StationRun {
  return {
    id: '0123abcd-0000-4000-8000-000000000000',
    test: 'tempco',
    station: 'bench-2',
    status: 'running',
    statusReason: null,
    serial: 'SN-7',
    startedAt: '2026-12-02T10:00:00.000Z',
    completedAt: null,
    simTime: 125,
    currentStep: 'sweep',
    stepsDone: 1,
    stepsTotal: 3,
    progress: { step: 'sweep', point: 2, of: 5, message: 'point 2 of 5: settling at 25 °C' },
    measurements: 40,
    ...fields,
  }
}

const benches = [
  { name: 'bench-1', host: '10.0.0.1', ports: benchPorts(5000) },
  { name: 'bench-2', host: '10.0.0.1', ports: benchPorts(5100) },
]

describe('the web app keeps every bench of the fleet apart', () => {
  it('each bench its own connection, snapshot and chart history', () => {
    const state = fold([
      { type: 'benches', benches },
      { type: 'sim', bench: 'bench-1', connected: true },
      { type: 'sim', bench: 'bench-2', connected: false },
      { type: 'telemetry', bench: 'bench-1', t: 10, data: snapshot({ t_s: 1 }) },
      { type: 'telemetry', bench: 'bench-1', t: 11, data: snapshot({ t_s: 2 }) },
    ])
    expect(state.benches.map((b) => b.name)).toEqual(['bench-1', 'bench-2'])
    expect(state.live['bench-1']).toMatchObject({ simConnected: true, telemetryAt: 11 })
    expect(state.live['bench-1']!.history.map((p) => p.t_s)).toEqual([1, 2])
    expect(state.live['bench-2']).toEqual({ ...idleBench, simConnected: false })
    const later = fold([{ type: 'telemetry', bench: 'bench-2', t: 12, data: snapshot({ t_s: 7 }) }], state)
    expect(later.live['bench-2']).toMatchObject({ simConnected: true, telemetryAt: 12 })
    expect(later.live['bench-1']).toBe(state.live['bench-1'])
  })

  it("keeps each station's latest run, replaced by the station's next one", () => {
    const first = stationRun()
    const other = stationRun({ id: 'ffff0000-0000-4000-8000-000000000000', station: 'bench-1' })
    const next = stationRun({ id: '99990000-0000-4000-8000-000000000000', progress: null })
    const state = fold([
      { type: 'station-run', run: first },
      { type: 'station-run', run: other },
      { type: 'station-run', run: next },
      { type: 'station-run', run: stationRun({ station: null }) },
    ])
    expect(state.stationRuns).toEqual({ 'bench-2': next, 'bench-1': other })
  })
})

describe("a bench's card on the Fleet page", () => {
  it('says connected, the chamber against its setpoint, the DUT state and the board', () => {
    const live = fold([
      { type: 'telemetry', bench: 'bench-2', t: 1, data: snapshot({ chamber_c: 84.974, stable: true }) },
    ]).live['bench-2']!
    expect(benchCardFacts(live, undefined)).toEqual({
      connected: true,
      chamber: '84.97 °C → 85.0 °C',
      stable: true,
      dut: 'on',
      dutTone: 'good',
      sockets: 1,
      run: null,
      campaign: null,
    })
  })

  it('counts the states of a board of several DUTs, a fault first in tone', () => {
    const sockets = ['on', 'on', 'current_limit'].map((dut_state) => ({ dut_state })) as TelemetrySnapshot['sockets']
    const facts = benchCardFacts({ ...idleBench, simConnected: true, telemetry: snapshot({ sockets }) }, undefined)
    expect(facts).toMatchObject({ dut: '2 on, 1 current_limit', dutTone: 'bad', sockets: 3 })
  })

  it('shows a dash for what a bench that is down has not told', () => {
    expect(benchCardFacts(idleBench, undefined)).toMatchObject({
      connected: false,
      chamber: '—',
      dut: '—',
      sockets: null,
    })
  })

  it("reads the run's progress: the progress line and its points, else its steps", () => {
    expect(runCardFacts(stationRun())).toMatchObject({
      shortId: '0123abcd',
      step: 'sweep',
      progress: 'point 2 of 5: settling at 25 °C',
      fraction: 0.4,
      readings: 40,
      simulated: '2 min 05 s',
    })
    const unannounced = runCardFacts(stationRun({ progress: { step: 'sweep', point: 3, of: 4, message: null } }))
    expect(unannounced).toMatchObject({ progress: 'point 3 of 4', fraction: 0.75 })
    expect(runCardFacts(stationRun({ progress: null }))).toMatchObject({ progress: 'step 2 of 3', fraction: 1 / 3 })
    expect(runCardFacts(stationRun({ progress: null, stepsTotal: 0, stepsDone: 0 }))).toMatchObject({
      progress: null,
      fraction: null,
    })
  })

  it('has no progress bar once the run is over', () => {
    const ended = runCardFacts(stationRun({ status: 'passed', completedAt: '2026-12-02T10:05:00.000Z' }))
    expect(ended).toMatchObject({ status: 'passed', fraction: null, progress: 'point 2 of 5: settling at 25 °C' })
  })
})

describe("a bench's card shows its station's campaign", () => {
  const news = (fields: Partial<CampaignNews>): CampaignNews => ({
    id: 'cafe0000-0000-4000-8000-000000000000',
    name: 'LOT42 characterisation',
    station: 'bench-2',
    status: 'running',
    yield: null,
    progress: {
      pointsDone: 14,
      pointsTotal: 56,
      dutsDone: 3,
      current: { temperatureIndex: 1, board: 0, stepIndex: 0, sweepIndex: 0, temperatureC: 85, test: 'tempco' },
    },
    event: 'progress',
    ...fields,
  })

  it('the running one of its station, else the latest seen', () => {
    const ended = news({ id: 'a0000000-0000-4000-8000-000000000000', status: 'passed' })
    const running = news({ id: 'b0000000-0000-4000-8000-000000000000' })
    const elsewhere = news({ id: 'c0000000-0000-4000-8000-000000000000', station: 'bench-1' })
    const seen = { [ended.id]: ended, [running.id]: running, [elsewhere.id]: elsewhere }
    expect(stationCampaign(seen, 'bench-2')).toBe(running)
    expect(stationCampaign({ [ended.id]: ended }, 'bench-2')).toBe(ended)
    expect(stationCampaign(seen, 'bench-3')).toBeUndefined()
  })

  it('with its points, DUTs, where it is and its yield', () => {
    const facts = benchCardFacts(idleBench, undefined, news({ yield: 0.9667 })).campaign
    expect(facts).toEqual({
      id: 'cafe0000-0000-4000-8000-000000000000',
      shortId: 'cafe0000',
      name: 'LOT42 characterisation',
      status: 'running',
      progress: 'point 14 of 56 · 3 DUTs done · at 85 °C, tempco',
      fraction: 0.25,
      yield: 'yield 96.7 %',
    })
    const done = benchCardFacts(
      idleBench,
      undefined,
      news({ status: 'passed', progress: { ...news({}).progress, current: null } }),
    )
    expect(done.campaign).toMatchObject({ progress: 'point 14 of 56 · 3 DUTs done', fraction: null, yield: null })
  })
})
