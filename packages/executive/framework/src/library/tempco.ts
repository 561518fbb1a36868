import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import { computeTempco, type TempPoint } from './analysis'
import {
  type Board,
  benchParameters,
  benchSetup,
  boardUnderTest,
  configureBench,
  measureOf,
  readConditions,
  recordVout,
  sampleBoardVout,
  settleOptions,
  type VoutSample,
  visitSetpoints,
} from './bench-steps'

const parameters = z.object({
  points_c: z
    .array(z.number().min(-75).max(200))
    .min(2)
    .default([-40, -20, 0, 25, 50, 85])
    .describe('chamber setpoints, °C, in the order visited'),
  ...benchParameters,
  settle_drift_uv: z
    .number()
    .positive()
    .default(2)
    .describe('the DUT has settled when successive averaged V_out readings differ by less than this, µV'),
  settle_interval_s: z.number().positive().default(10).describe('time between the averaged readings compared, s'),
  max_drift_checks: z.number().int().min(1).default(12).describe('averaged readings compared at most per point'),
  limit_ppm_per_c: z.number().positive().default(100).describe('|tempco| limit, ppm/°C'),
  vout_nominal_v: z.number().positive().default(3.3).describe('nominal output voltage, V'),
  vout_tolerance_pct: z.number().positive().default(2).describe('allowed deviation of V_out at 25 °C, %'),
})

type Params = z.output<typeof parameters>
type Ctx = TestContext<Params, string>

/**
 * Waits until every socket's V_out stops drifting: successive averaged readings `settle_interval_s` apart must
 * differ by less than `settle_drift_uv`, for each socket of the board (one wait serves them all). Returns the last
 * averaged reading of each socket.
 */
async function settleDuts(ctx: Ctx, board: Board, setpoint: number): Promise<VoutSample[]> {
  const { settle_drift_uv: threshold, settle_interval_s: interval, max_drift_checks: checks } = ctx.params
  let previous = await sampleBoardVout(ctx, board.sockets)
  let drifts = previous.map(() => Number.POSITIVE_INFINITY)
  for (let i = 0; i < checks; i++) {
    await ctx.clock.wait(interval)
    const current = await sampleBoardVout(ctx, board.sockets)
    drifts = current.map((sample, k) => Math.abs(sample.vout - previous[k]!.vout) * 1e6)
    previous = current
    if (drifts.every((drift) => drift < threshold)) return current
  }
  for (const [k, socket] of board.sockets.entries()) {
    if (drifts[k]! < threshold) continue
    const which = board.named ? ` of socket ${socket.number}` : ''
    ctx.log.warn(
      `V_out${which} at ${setpoint} °C still moved ${drifts[k]!.toFixed(1)} µV in ${interval} s; using the last reading`,
    )
  }
  return previous
}

async function sweep(ctx: Ctx): Promise<void> {
  const board = await boardUnderTest(ctx)
  const perPoint = await visitSetpoints(
    ctx,
    ctx.params.points_c,
    settleOptions(ctx.params),
    async (setpoint, report) => {
      const samples = await settleDuts(ctx, board, setpoint)
      for (const [k, socket] of board.sockets.entries()) {
        const sample = samples[k]!
        recordVout(ctx, sample, await readConditions(ctx, socket, sample.temperature), board, socket)
      }
      report(board.named ? `V_out of ${samples.length} sockets` : `V_out ${samples[0]!.vout.toFixed(6)} V`)
      for (const [k, socket] of board.sockets.entries()) {
        const { vout, temperature } = samples[k]!
        const on = board.named ? ` (socket ${socket.number})` : ''
        ctx.log.info(`${setpoint} °C: V_out${on} = ${vout.toFixed(7)} V at ${temperature.toFixed(2)} °C`)
      }
      return samples.map((sample): TempPoint => ({ setpoint, temperature: sample.temperature, vout: sample.vout }))
    },
  )
  for (const [k, socket] of board.sockets.entries()) {
    const result = computeTempco(perPoint.map((points) => points[k]!))
    measureOf(ctx, board, socket, 'tempco_ppm_per_c', result.tempcoPpmPerC)
    measureOf(ctx, board, socket, 'tempco_box_ppm_per_c', result.boxPpmPerC)
    measureOf(ctx, board, socket, 'vout_25c_v', result.vout25)
    measureOf(ctx, board, socket, 'fit_residual_uv', result.residualUv)
  }
}

/** Output-voltage temperature coefficient of the LDO over a chamber sweep (docs/tests.md). */
export const tempcoTest = defineTest({
  name: 'tempco',
  description:
    'Output voltage temperature coefficient: sweeps the chamber, waits for the DUT to settle at each point, fits V_out against temperature.',
  parameters,
  measurements: [
    {
      name: 'tempco_ppm_per_c',
      unit: 'ppm/°C',
      description: 'least-squares slope of V_out vs chamber temperature over V_out at 25 °C',
      limits: (p) => ({ lower: -p.limit_ppm_per_c, upper: p.limit_ppm_per_c }),
    },
    {
      name: 'tempco_box_ppm_per_c',
      unit: 'ppm/°C',
      description: 'box method: (Vmax − Vmin) / (V25 · (Tmax − Tmin))',
      limits: (p) => ({ upper: p.limit_ppm_per_c }),
    },
    {
      name: 'vout_25c_v',
      unit: 'V',
      description: 'V_out at 25 °C (measured point, or the fit at 25 °C)',
      limits: (p) => {
        const tolerance = (p.vout_nominal_v * p.vout_tolerance_pct) / 100
        return { lower: p.vout_nominal_v - tolerance, upper: p.vout_nominal_v + tolerance }
      },
    },
    { name: 'fit_residual_uv', unit: 'µV', description: 'RMS residual of the linear fit' },
  ],
  steps: [
    {
      name: 'configure',
      run: (ctx) => configureBench(ctx, benchSetup(ctx.params)),
    },
    { name: 'sweep', timeoutS: 24 * 3600, run: sweep },
  ],
})
