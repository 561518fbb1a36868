import type { DutState, TelemetrySnapshot } from '@dvt/protocol'
import type { CampaignMessage, StationRun } from '../../../../../src/schemas/messages'
import { duration, fixed, shortId } from '../../../lib/format'
import type { BenchLive } from '../../../lib/ws-store'

/** What a bench's card says about the run on it. */
export interface RunCardFacts {
  id: string
  shortId: string
  test: string
  status: StationRun['status']
  serial: string | null
  /** The step running now, else the last one finished; null before the first. */
  step: string | null
  /** The latest progress line (`point 3 of 7: settling at 85 °C`), else `step k of n`; null before either. */
  progress: string | null
  /** How far it has got (0–1): its points, else its steps; null when neither is known. */
  fraction: number | null
  readings: number
  simulated: string
  statusReason: string | null
}

/** A campaign's news as the web app keeps it (ws-store: `campaigns`). */
export type CampaignNews = CampaignMessage['campaign'] & { event: string }

/** What a bench's card says about the campaign on it. */
export interface CampaignCardFacts {
  id: string
  shortId: string
  name: string
  status: CampaignNews['status']
  /** `point 14 of 120 · 3 DUTs done`, and where it is: `at 85 °C, tempco`. */
  progress: string
  fraction: number | null
  /** `yield 96 %`, or null before a DUT is complete. */
  yield: string | null
}

/** What a bench's card on the Fleet page shows. */
export interface BenchCardFacts {
  connected: boolean
  /** `85.02 °C → 85.0 °C` (chamber, then setpoint), or a dash before the first snapshot. */
  chamber: string
  stable: boolean | null
  /** The DUT's state; for a board, each state with the number of sockets in it (`7 on, 1 current_limit`). */
  dut: string
  dutTone: 'good' | 'bad' | 'muted' | null
  sockets: number | null
  run: RunCardFacts | null
  /** The station's campaign: a running one, else the latest seen; null when none has been seen. */
  campaign: CampaignCardFacts | null
}

const dutToneOf: Record<DutState, 'good' | 'bad' | 'muted'> = {
  on: 'good',
  off: 'muted',
  shutdown: 'bad',
  current_limit: 'bad',
}

function dutFacts(t: TelemetrySnapshot): Pick<BenchCardFacts, 'dut' | 'dutTone'> {
  const states = t.sockets && t.sockets.length > 1 ? t.sockets.map((s) => s.dut_state) : [t.dut_state]
  const counts = new Map<DutState, number>()
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1)
  const dut = states.length === 1 ? t.dut_state : [...counts].map(([state, n]) => `${n} ${state}`).join(', ')
  const tone = states.some((s) => dutToneOf[s] === 'bad') ? 'bad' : dutToneOf[states[0]!]
  return { dut, dutTone: tone }
}

/** The run's facts for its card. */
export function runCardFacts(run: StationRun): RunCardFacts {
  const { progress, stepsDone, stepsTotal } = run
  const points = progress?.point != null && progress.of != null ? { point: progress.point, of: progress.of } : null
  const steps = stepsTotal > 0 ? `step ${Math.min(stepsDone + 1, stepsTotal)} of ${stepsTotal}` : null
  const fraction = points
    ? points.of > 0
      ? Math.min(1, points.point / points.of)
      : null
    : stepsTotal > 0
      ? stepsDone / stepsTotal
      : null
  return {
    id: run.id,
    shortId: shortId(run.id),
    test: run.test,
    status: run.status,
    serial: run.serial,
    step: run.currentStep ?? progress?.step ?? null,
    progress: progress?.message ?? (points ? `point ${points.point} of ${points.of}` : steps),
    fraction: run.status === 'running' ? fraction : null,
    readings: run.measurements,
    simulated: duration(run.simTime),
    statusReason: run.statusReason,
  }
}

/** The campaign a station's card shows: its running one, else the latest seen (news arrive in order). */
export function stationCampaign(
  campaigns: Readonly<Record<string, CampaignNews>>,
  station: string,
): CampaignNews | undefined {
  const own = Object.values(campaigns).filter((c) => c.station === station)
  return own.find((c) => c.status === 'running') ?? own.at(-1)
}

/** The campaign's facts for its card. */
export function campaignCardFacts(news: CampaignNews): CampaignCardFacts {
  const { pointsDone, pointsTotal, dutsDone, current } = news.progress
  const where = current ? ` · at ${current.temperatureC} °C, ${current.test}` : ''
  return {
    id: news.id,
    shortId: shortId(news.id),
    name: news.name,
    status: news.status,
    progress: `point ${pointsDone} of ${pointsTotal} · ${dutsDone} DUTs done${where}`,
    fraction: news.status === 'running' && pointsTotal > 0 ? pointsDone / pointsTotal : null,
    yield: news.yield === null ? null : `yield ${fixed(news.yield * 100, 1)} %`,
  }
}

/** Reads a bench's card facts off its live state, its station's latest run and its campaign. */
export function benchCardFacts(
  live: BenchLive,
  run: StationRun | undefined,
  campaign: CampaignNews | undefined = undefined,
): BenchCardFacts {
  const t = live.telemetry
  return {
    connected: live.simConnected,
    chamber: t ? `${fixed(t.chamber_c, 2)} °C → ${fixed(t.setpoint_c, 1)} °C` : '—',
    stable: t ? t.stable : null,
    ...(t ? dutFacts(t) : { dut: '—', dutTone: null }),
    sockets: t ? Math.max(1, t.sockets?.length ?? 1) : null,
    run: run ? runCardFacts(run) : null,
    campaign: campaign ? campaignCardFacts(campaign) : null,
  }
}
