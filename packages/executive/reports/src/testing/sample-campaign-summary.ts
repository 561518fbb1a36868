import { campaignStatistics, methodAccuracy } from '@dvt/campaigns'
import type { CampaignDut, CampaignPoint, CampaignRecord, CampaignResult, CampaignSummary } from '@dvt/storage'
import { createSeededRandom } from '@dvt/transports/testing'

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

const temperatures = [-40, 25, 85, 125]
const span = '-40…125'
const started = Date.parse('2026-03-09T08:00:00.000Z')

interface Sweep {
  test: string
  parameters: Record<string, number>
}
const sweeps: Sweep[] = [
  { test: 'output_voltage', parameters: {} },
  { test: 'load_regulation', parameters: { supply_v: 4 } },
  { test: 'load_regulation', parameters: { supply_v: 5 } },
  { test: 'line_regulation', parameters: {} },
  { test: 'dropout', parameters: { load_a: 0.1 } },
  { test: 'dropout', parameters: { load_a: 0.3 } },
  { test: 'quiescent_current', parameters: {} },
]
const stepIndex: Record<string, number> = {
  output_voltage: 0,
  load_regulation: 1,
  line_regulation: 2,
  dropout: 3,
  quiescent_current: 4,
}

const limits: Record<string, { lower: number | null; upper: number | null }> = {
  vout_v: { lower: 3.234, upper: 3.366 },
  load_regulation_pct: { lower: null, upper: 1.5 },
  line_regulation_pct_per_v: { lower: null, upper: 0.05 },
  dropout_v: { lower: null, upper: 0.6 },
  iq_ua: { lower: null, upper: 80 },
  tempco_ppm_per_c: { lower: -100, upper: 100 },
}

interface Truth {
  tempco_ppm_per_c: number
  vout_25c_v: number
  load_regulation_pct: number
  line_regulation_pct_per_v: number
  dropout_v: number
  iq_ua: number
  iq_tempco_pct_per_c: number
}

function gauss(random: () => number): number {
  const u = Math.max(1e-12, random())
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
}

function truthOf(index: number, random: () => number): Truth {
  const t: Truth = {
    tempco_ppm_per_c: 20 + 10 * gauss(random),
    vout_25c_v: 3.3 * (1 + 0.005 * gauss(random)),
    load_regulation_pct: 0.45 + 0.08 * gauss(random),
    line_regulation_pct_per_v: 0.012 + 0.002 * gauss(random),
    dropout_v: 0.18 + 0.01 * gauss(random),
    iq_ua: 42 + 2 * gauss(random),
    iq_tempco_pct_per_c: 0.21 + 0.02 * gauss(random),
  }
  // Two parts of the lot fail: one with a tempco beyond ±100 ppm/°C, one with a poor load regulation.
  if (index === 5) t.tempco_ppm_per_c = 131.7
  if (index === 11) t.load_regulation_pct = 1.72
  return t
}

/** Measured values of one DUT at one point: the truth at that temperature plus the method's noise. */
function measured(truth: Truth, sweep: Sweep, tC: number, random: () => number): Record<string, [number, string]> {
  const dt = tC - 25
  const noise = (sigma: number) => sigma * gauss(random)
  switch (sweep.test) {
    case 'output_voltage':
      return { vout_v: [truth.vout_25c_v * (1 + truth.tempco_ppm_per_c * 1e-6 * dt) + noise(20e-6), 'V'] }
    case 'load_regulation': {
      const atSupply = (sweep.parameters.supply_v ?? 5) === 4 ? 1.04 : 1
      const value = truth.load_regulation_pct * atSupply * (1 + 0.0015 * dt) + noise(0.005)
      return { load_regulation_pct: [value, '%'] }
    }
    case 'line_regulation':
      return { line_regulation_pct_per_v: [truth.line_regulation_pct_per_v * (1 + 0.002 * dt) + noise(3e-4), '%/V'] }
    case 'dropout': {
      const perAmp = (sweep.parameters.load_a ?? 0.1) / 0.1
      return { dropout_v: [truth.dropout_v * (0.55 + 0.45 * perAmp) * (1 + 0.003 * dt) + noise(1.5e-3), 'V'] }
    }
    default:
      return { iq_ua: [truth.iq_ua * (1 + truth.iq_tempco_pct_per_c * 0.01 * dt) + noise(0.15), 'µA'] }
  }
}

function judged(parameter: string, value: number) {
  const l = limits[parameter]
  if (!l) return { lowerLimit: null, upperLimit: null, passed: null }
  const passed = (l.lower === null || value >= l.lower) && (l.upper === null || value <= l.upper)
  return { lowerLimit: l.lower, upperLimit: l.upper, passed }
}

function truthAt(truth: Truth, parameter: string, sweep: Sweep, tC: number): number | null {
  if (tC !== 25) return null
  if (parameter === 'load_regulation_pct' && sweep.parameters.supply_v === 5) return truth.load_regulation_pct
  if (parameter === 'dropout_v' && sweep.parameters.load_a === 0.1) return truth.dropout_v
  if (parameter === 'iq_ua') return truth.iq_ua
  return null
}

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<[number, number]>): number {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0)
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  return sxx === 0 ? 0 : sxy / sxx
}

/** The campaign summary of a (finished, by default) lot through the shipped plan, reproducible (seeded). */
export function sampleCampaignSummary(options: SampleCampaignOptions = {}): CampaignSummary {
  const random = createSeededRandom(7)
  const lotName = options.lotName ?? 'LOT24-07'
  const lotSize = options.lotSize ?? 16
  const sockets = options.sockets ?? 8
  const boards = Math.ceil(lotSize / sockets)
  const id = '7c1d52e0-4a8b-4f3e-9d21-b6a05e3c9f48'
  const truths = Array.from({ length: lotSize }, (_, i) => truthOf(i, random))
  const duts: CampaignDut[] = truths.map((truth, i) => ({
    campaignId: id,
    lotIndex: i,
    serial: `${lotName}-${String(i + 1).padStart(3, '0')}`,
    board: Math.floor(i / sockets),
    socket: (i % sockets) + 1,
    verdict: null,
    truth: options.hardware ? null : { ...truth },
  }))

  const points: CampaignPoint[] = []
  for (const [temperatureIndex, temperatureC] of temperatures.entries())
    for (let board = 0; board < boards; board++)
      for (const [sweepAt, sweep] of sweeps.entries()) {
        const step = stepIndex[sweep.test] ?? 0
        const sweepIndex = sweeps.slice(0, sweepAt).filter((s) => s.test === sweep.test).length
        points.push({
          campaignId: id,
          temperatureIndex,
          board,
          stepIndex: step,
          sweepIndex,
          ordinal: points.length,
          temperatureC,
          test: sweep.test,
          parameters: { ...sweep.parameters, temperature_c: temperatureC, dwell_s: 0 },
          status: 'pending',
          runId: null,
          attempts: 0,
        })
      }
  const pointsDone = Math.min(points.length, options.pointsDone ?? points.length)

  const results: CampaignResult[] = []
  for (const point of points.slice(0, pointsDone)) {
    point.status = 'done'
    point.attempts = 1
    point.runId = `${String(point.ordinal).padStart(8, '0')}-5e1f-4c2a-8b3d-9a0f1e2d3c4b`
    const sweep = sweeps.find(
      (s) => s.test === point.test && Object.entries(s.parameters).every(([k, v]) => point.parameters[k] === v),
    )
    if (!sweep) continue
    for (const dut of duts.filter((d) => d.board === point.board)) {
      const truth = truths[dut.lotIndex] as Truth
      for (const [parameter, [value, unit]] of Object.entries(measured(truth, sweep, point.temperatureC, random))) {
        const t = options.hardware ? null : truthAt(truth, parameter, sweep, point.temperatureC)
        results.push({
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
          truth: t,
        })
      }
    }
  }
  if (pointsDone < points.length) points[pointsDone]!.status = 'running'

  // Derived across the temperatures, once a DUT's last temperature is measured.
  for (const dut of duts) {
    const own = (parameter: string) =>
      results
        .filter(
          (r) => r.serial === dut.serial && r.parameter === parameter && typeof r.conditions.temperature_c === 'number',
        )
        .map((r): [number, number] => [r.conditions.temperature_c as number, r.value])
    const vout = own('vout_v')
    const iq = own('iq_ua')
    if (vout.length < temperatures.length || iq.length < temperatures.length) continue
    const truth = truths[dut.lotIndex] as Truth
    const v25 = vout.find(([t]) => t === 25)?.[1] ?? Number.NaN
    const derived = (test: string, parameter: string, value: number, unit: string, t: number) => ({
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
      truth: options.hardware ? null : t,
    })
    const ys = vout.map(([, y]) => y)
    const box = ((Math.max(...ys) - Math.min(...ys)) / v25 / (125 - -40)) * 1e6
    results.push(
      derived('output_voltage', 'tempco_ppm_per_c', (slope(vout) / v25) * 1e6, 'ppm/°C', truth.tempco_ppm_per_c),
      { ...derived('output_voltage', 'tempco_box_ppm_per_c', box, 'ppm/°C', 0), truth: null },
      derived('output_voltage', 'vout_25c_v', v25, 'V', truth.vout_25c_v),
      derived(
        'quiescent_current',
        'iq_tempco_pct_per_c',
        (slope(iq) / (iq.find(([t]) => t === 25)?.[1] ?? 1)) * 100,
        '%/°C',
        truth.iq_tempco_pct_per_c,
      ),
    )
  }

  const complete = new Set<string>()
  for (const dut of duts) {
    const own = results.filter((r) => r.serial === dut.serial)
    if (!own.some((r) => r.parameter === 'tempco_ppm_per_c')) continue
    complete.add(dut.serial)
    dut.verdict = own.every((r) => r.passed !== false) ? 'pass' : 'fail'
  }
  const passing = duts.filter((d) => d.verdict === 'pass').length
  const yieldValue = complete.size > 0 ? passing / complete.size : null
  const finished = pointsDone === points.length
  const status = options.status ?? (finished ? ((yieldValue ?? 0) >= 0.95 ? 'passed' : 'failed') : 'running')
  const current = points[pointsDone]
  const campaign: CampaignRecord = {
    id,
    name: options.name ?? 'LDO 3.3 V datasheet characterisation',
    status,
    statusReason: null,
    startedAt: new Date(started).toISOString(),
    completedAt: finished ? new Date(started + 41 * 60_000 + 17_000).toISOString() : null,
    station: 'virtual-bench-1',
    operator: 'j.moreau',
    planPath: 'plans/ldo-datasheet.yaml',
    planText: 'name: LDO 3.3 V datasheet characterisation\n',
    plan: { name: options.name ?? 'LDO 3.3 V datasheet characterisation', acceptance: { min_yield: 0.95 } },
    lotName,
    lotSize,
    sockets,
    temperaturesC: temperatures,
    minYield: 0.95,
    yield: yieldValue,
    // A lab's ramps, soaks and runs: ~55 min a point, as the simulator's clock counts them.
    simulatedSeconds: pointsDone * 3300,
    progress: {
      pointsDone,
      pointsTotal: points.length,
      dutsDone: complete.size,
      current:
        current && !finished ? { ...pointKey(current), temperatureC: current.temperatureC, test: current.test } : null,
    },
    softwareVersion: '0.1.0',
    pid: null,
    hostname: null,
  }
  return {
    campaign,
    duts,
    points,
    results,
    statistics: campaignStatistics(results),
    accuracy: methodAccuracy(results),
  }
}

function pointKey(p: CampaignPoint) {
  return { temperatureIndex: p.temperatureIndex, board: p.board, stepIndex: p.stepIndex, sweepIndex: p.sweepIndex }
}
