import { linearRegression } from '@dvt/analysis'
import { campaignStatistics, methodAccuracy } from '@dvt/campaigns'
import { lotSerial } from '@dvt/protocol'
import type { CampaignDut, CampaignPoint, CampaignRecord, CampaignResult, CampaignSummary } from '@dvt/storage'
import { createSeededRandom } from '@dvt/transports/testing'
import {
  judged,
  measured,
  type Sweep,
  span,
  started,
  stepIndex,
  sweeps,
  type Truth,
  temperatures,
  truthAt,
  truthOf,
} from './sample-campaign-lot'

/**
 * A realistic campaign for the PDF, the dashboard and their tests, built from plain objects (no storage, no bench):
 * the shipped plan (plans/ldo-datasheet.yaml) over a lot of 16 on 8 sockets at 4 temperatures, with noise, truths,
 * two failing DUTs (one tempco, one load regulation) and the derived tempco, V_out(25 °C) and I_q tempco.
 */
export interface SampleCampaignOptions {
  name?: string
  lotName?: string
  lotSize?: number
  sockets?: number
  status?: CampaignRecord['status']
  /** Points measured so far (default every one): a running campaign. */
  pointsDone?: number
  /** Leave out the truths (real hardware): no method accuracy. */
  hardware?: boolean
}

const id = '7c1d52e0-4a8b-4f3e-9d21-b6a05e3c9f48'

interface Lot {
  duts: CampaignDut[]
  truths: Truth[]
  random: () => number
  hardware: boolean
}

/** Every (temperature, board, step, sweep point) in execution order, all pending. */
function planPoints(boards: number): CampaignPoint[] {
  const points: CampaignPoint[] = []
  for (const [temperatureIndex, temperatureC] of temperatures.entries())
    for (let board = 0; board < boards; board++)
      for (const [at, sweep] of sweeps.entries()) {
        points.push({
          campaignId: id,
          temperatureIndex,
          board,
          stepIndex: stepIndex[sweep.test] ?? 0,
          sweepIndex: sweeps.slice(0, at).filter((s) => s.test === sweep.test).length,
          ordinal: points.length,
          temperatureC,
          test: sweep.test,
          parameters: { ...sweep.parameters, temperature_c: temperatureC, dwell_s: 0 },
          status: 'pending',
          runId: null,
          attempts: 0,
        })
      }
  return points
}

const sweepOf = (point: CampaignPoint): Sweep | undefined =>
  sweeps.find((s) => s.test === point.test && Object.entries(s.parameters).every(([k, v]) => point.parameters[k] === v))

/** Marks `point` done and returns the results of its board's DUTs. */
function measurePoint(lot: Lot, point: CampaignPoint): CampaignResult[] {
  point.status = 'done'
  point.attempts = 1
  point.runId = `${String(point.ordinal).padStart(8, '0')}-5e1f-4c2a-8b3d-9a0f1e2d3c4b`
  const sweep = sweepOf(point)
  if (!sweep) return []
  return lot.duts
    .filter((d) => d.board === point.board)
    .flatMap((dut) => {
      const truth = lot.truths[dut.lotIndex] as Truth
      return Object.entries(measured(truth, sweep, point.temperatureC, lot.random)).map(
        ([parameter, [value, unit]]) => ({
          campaignId: id,
          serial: dut.serial,
          socket: dut.socket,
          test: point.test,
          conditions: { temperature_c: point.temperatureC, ...sweep.parameters },
          parameter,
          value,
          unit,
          ...judged(parameter, value),
          runId: point.runId,
          truth: lot.hardware ? null : truthAt(truth, parameter, sweep, point.temperatureC),
        }),
      )
    })
}

/** Tempco (and its box), V_out(25 °C) and the I_q tempco of a DUT measured at every temperature; none before. */
function deriveDut(lot: Lot, dut: CampaignDut, results: readonly CampaignResult[]): CampaignResult[] {
  const own = (parameter: string) =>
    results.filter(
      (r) => r.serial === dut.serial && r.parameter === parameter && typeof r.conditions.temperature_c === 'number',
    )
  const vout = own('vout_v')
  const iq = own('iq_ua')
  if (vout.length < temperatures.length || iq.length < temperatures.length) return []
  const truth = lot.truths[dut.lotIndex] as Truth
  const slopeOf = (rs: CampaignResult[]) =>
    linearRegression(
      rs.map((r) => r.conditions.temperature_c as number),
      rs.map((r) => r.value),
    ).slope
  const at25 = (rs: CampaignResult[]) => rs.find((r) => r.conditions.temperature_c === 25)?.value ?? Number.NaN
  const v25 = at25(vout)
  const ys = vout.map((r) => r.value)
  const derived = (test: string, parameter: string, value: number, unit: string, t: number | null) => ({
    campaignId: id,
    serial: dut.serial,
    socket: dut.socket,
    test,
    conditions: { temperature_c: span },
    parameter,
    value,
    unit,
    ...judged(parameter, value),
    runId: null,
    truth: lot.hardware ? null : t,
  })
  return [
    derived('output_voltage', 'tempco_ppm_per_c', (slopeOf(vout) / v25) * 1e6, 'ppm/°C', truth.tempco_ppm_per_c),
    derived(
      'output_voltage',
      'tempco_box_ppm_per_c',
      ((Math.max(...ys) - Math.min(...ys)) / v25 / (Math.max(...temperatures) - Math.min(...temperatures))) * 1e6,
      'ppm/°C',
      null,
    ),
    derived('output_voltage', 'vout_25c_v', v25, 'V', truth.vout_25c_v),
    derived(
      'quiescent_current',
      'iq_tempco_pct_per_c',
      (slopeOf(iq) / at25(iq)) * 100,
      '%/°C',
      truth.iq_tempco_pct_per_c,
    ),
  ]
}

/** Gives each DUT with its derived results a verdict; returns how many are complete. */
function judgeDuts(duts: CampaignDut[], results: readonly CampaignResult[]): number {
  let complete = 0
  for (const dut of duts) {
    const own = results.filter((r) => r.serial === dut.serial)
    if (!own.some((r) => r.parameter === 'tempco_ppm_per_c')) continue
    complete++
    dut.verdict = own.every((r) => r.passed !== false) ? 'pass' : 'fail'
  }
  return complete
}

function campaignRecord(
  options: SampleCampaignOptions,
  lot: { name: string; size: number; sockets: number },
  points: CampaignPoint[],
  progress: { pointsDone: number; dutsDone: number; yield: number | null },
): CampaignRecord {
  const finished = progress.pointsDone === points.length
  const minYield = 0.95
  const status = options.status ?? (finished ? ((progress.yield ?? 0) >= minYield ? 'passed' : 'failed') : 'running')
  const current = finished ? undefined : points[progress.pointsDone]
  const name = options.name ?? 'LDO 3.3 V datasheet characterisation'
  return {
    id,
    name,
    status,
    statusReason: null,
    startedAt: new Date(started).toISOString(),
    completedAt: finished ? new Date(started + 41 * 60_000 + 17_000).toISOString() : null,
    station: 'virtual-bench-1',
    operator: 'j.moreau',
    planPath: 'plans/ldo-datasheet.yaml',
    planText: `name: ${name}\n`,
    plan: { name, acceptance: { min_yield: minYield } },
    lotName: lot.name,
    lotSize: lot.size,
    sockets: lot.sockets,
    temperaturesC: temperatures,
    minYield,
    yield: progress.yield,
    // A lab's ramps, soaks and runs: ~55 min a point, as the simulator's clock counts them.
    simulatedSeconds: progress.pointsDone * 3300,
    progress: {
      pointsDone: progress.pointsDone,
      pointsTotal: points.length,
      dutsDone: progress.dutsDone,
      current: current
        ? {
            temperatureIndex: current.temperatureIndex,
            board: current.board,
            stepIndex: current.stepIndex,
            sweepIndex: current.sweepIndex,
            temperatureC: current.temperatureC,
            test: current.test,
          }
        : null,
    },
    softwareVersion: '0.1.0',
    pid: null,
    hostname: null,
  }
}

/** The campaign summary of a (finished, by default) lot through the shipped plan, reproducible (seeded). */
export function sampleCampaignSummary(options: SampleCampaignOptions = {}): CampaignSummary {
  const random = createSeededRandom(7)
  const name = options.lotName ?? 'LOT24-07'
  const size = options.lotSize ?? 16
  const sockets = options.sockets ?? 8
  const truths = Array.from({ length: size }, (_, i) => truthOf(i, random))
  const duts: CampaignDut[] = truths.map((truth, i) => ({
    campaignId: id,
    lotIndex: i,
    serial: lotSerial(name, i + 1),
    board: Math.floor(i / sockets),
    socket: (i % sockets) + 1,
    verdict: null,
    truth: options.hardware ? null : { ...truth },
  }))
  const lot: Lot = { duts, truths, random, hardware: options.hardware ?? false }
  const points = planPoints(Math.ceil(size / sockets))
  const pointsDone = Math.min(points.length, options.pointsDone ?? points.length)
  const results = points.slice(0, pointsDone).flatMap((p) => measurePoint(lot, p))
  if (pointsDone < points.length) (points[pointsDone] as CampaignPoint).status = 'running'
  results.push(...duts.flatMap((dut) => deriveDut(lot, dut, results)))
  const dutsDone = judgeDuts(duts, results)
  const passing = duts.filter((d) => d.verdict === 'pass').length
  const progress = { pointsDone, dutsDone, yield: dutsDone > 0 ? passing / dutsDone : null }
  const campaign = campaignRecord(options, { name, size, sockets }, points, progress)
  return { campaign, duts, points, results, statistics: campaignStatistics(results), accuracy: methodAccuracy(results) }
}
