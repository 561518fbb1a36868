import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import { computeTempco, type TempPoint } from './analysis'
import {
  benchParameters,
  benchSetup,
  boardUnderTest,
  configureBench,
  dutSettleParameters,
  measureOf,
  readConditions,
  recordVout,
  settleDuts,
  settleOptions,
  visitSetpoints,
  voutLimits,
  voutNominalParameters,
} from './bench-steps'

const parameters = z.object({
  points_c: z
    .array(z.number().min(-75).max(200))
    .min(2)
    .default([-40, -20, 0, 25, 50, 85])
    .describe('chamber setpoints, °C, in the order visited'),
  ...benchParameters,
  ...dutSettleParameters,
  limit_ppm_per_c: z.number().positive().default(100).describe('|tempco| limit, ppm/°C'),
  ...voutNominalParameters,
})

type Params = z.output<typeof parameters>
type Ctx = TestContext<Params, string>

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
      limits: voutLimits,
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
