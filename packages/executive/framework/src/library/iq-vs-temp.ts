import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import { fitAgainstTemperature, mean } from './analysis'
import {
  type Board,
  benchParameters,
  benchSetup,
  boardUnderTest,
  configureBench,
  measureOf,
  recordOf,
  settleOptions,
  visitSetpoints,
} from './bench-steps'

const parameters = z.object({
  points_c: z
    .array(z.number().min(-75).max(200))
    .min(2)
    .default([-40, 0, 25, 50, 85])
    .describe('chamber setpoints, °C'),
  iq_samples: z
    .number()
    .int()
    .min(1)
    .max(20_000)
    .default(1000)
    .describe('supply current readbacks averaged per point (readback noise σ ≈ 0.1 mA)'),
  limit_iq_ua: z.number().positive().default(100).describe('quiescent current limit at 25 °C, µA'),
  limit_tempco_pct_per_c: z.number().positive().default(1).describe('|I_q tempco| limit, %/°C'),
  ...benchParameters,
})

type Ctx = TestContext<z.output<typeof parameters>, string>

/** One I_q reading of a socket: the mean input current with the load off, A, and the chamber temperature, °C. */
export interface IqPoint {
  temperature: number
  iq: number
}

/**
 * Reads `samples` input-current readings of every socket of the board (its sense channels in one scan, or the
 * supply's readback for the one DUT), bracketed by two chamber readings, and records them (`iin`, their mean
 * `iq_avg`). One point per socket, in the board's order.
 */
export async function readBoardIq(
  ctx: TestContext<unknown, string>,
  board: Board,
  samples: number,
  supplyV: number,
  setpoint: number,
): Promise<IqPoint[]> {
  const { chamber } = ctx.instruments
  const before = await chamber.readTemperature()
  const currents = await ctx.sockets.readInputCurrents(board.sockets, samples)
  const temperature = (before + (await chamber.readTemperature())) / 2
  const at = { temperature, inputVoltage: supplyV, loadCurrent: 0 }
  return board.sockets.map((socket, k) => {
    const iq = mean(currents[k]!)
    for (const value of currents[k]!) recordOf(ctx, board, socket, 'iin', value, 'A', at)
    recordOf(ctx, board, socket, 'iq_avg', iq, 'A', at)
    const on = board.named ? ` (socket ${socket.number})` : ''
    ctx.log.info(`${setpoint} °C: I_q${on} = ${(iq * 1e6).toFixed(1)} µA`)
    return { temperature, iq }
  })
}

async function sweep(ctx: Ctx): Promise<void> {
  const p = ctx.params
  const board = await boardUnderTest(ctx)
  const perPoint = await visitSetpoints(ctx, p.points_c, settleOptions(p), async (setpoint) =>
    (await readBoardIq(ctx, board, p.iq_samples, p.supply_v, setpoint)).map((point) => ({ setpoint, ...point })),
  )
  for (const [k, socket] of board.sockets.entries()) {
    const points = perPoint.map((atSetpoint) => atSetpoint[k]!)
    const { at25, relativeSlope } = fitAgainstTemperature(points, (point) => point.iq)
    measureOf(ctx, board, socket, 'iq_25c_ua', at25 * 1e6)
    measureOf(ctx, board, socket, 'iq_tempco_pct_per_c', relativeSlope * 100)
  }
}

/** Quiescent current against temperature, load off (docs/tests.md). */
export const iqVsTempTest = defineTest({
  name: 'iq_vs_temp',
  description:
    'Quiescent current vs temperature: load off, I_q from the supply current readback at each chamber point.',
  parameters,
  measurements: [
    {
      name: 'iq_25c_ua',
      unit: 'µA',
      description: 'I_q at 25 °C (measured point, or the fit at 25 °C)',
      limits: (p) => ({ lower: 0, upper: p.limit_iq_ua }),
    },
    {
      name: 'iq_tempco_pct_per_c',
      unit: '%/°C',
      description: 'least-squares slope of I_q vs temperature over I_q at 25 °C',
      limits: (p) => ({ lower: -p.limit_tempco_pct_per_c, upper: p.limit_tempco_pct_per_c }),
    },
  ],
  steps: [
    { name: 'configure', run: (ctx) => configureBench(ctx, benchSetup(ctx.params, { loadA: 0, samples: 1 })) },
    { name: 'sweep', timeoutS: 24 * 3600, run: sweep },
  ],
})
