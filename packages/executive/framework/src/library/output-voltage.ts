import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import {
  benchParameters,
  benchSetup,
  boardUnderTest,
  configureBench,
  dutSettleParameters,
  measureOf,
  readConditions,
  recordVout,
  reportPoint,
  settleChamber,
  settleDuts,
  settleOptions,
  voutLimits,
  voutNominalParameters,
} from './bench-steps'

const parameters = z.object({
  temperature_c: z.number().min(-75).max(200).default(25).describe('chamber temperature, °C'),
  ...benchParameters,
  ...dutSettleParameters,
  ...voutNominalParameters,
})

type Ctx = TestContext<z.output<typeof parameters>, string>

/** Settles the chamber at `temperature_c`, waits for every socket's V_out to stop drifting, and measures it. */
async function measure(ctx: Ctx): Promise<void> {
  const p = ctx.params
  const board = await boardUnderTest(ctx)
  reportPoint(ctx, 0, 1, `settling at ${p.temperature_c} °C`)
  await settleChamber(ctx, p.temperature_c, settleOptions(p))
  const samples = await settleDuts(ctx, board, p.temperature_c)
  for (const [k, socket] of board.sockets.entries()) {
    const sample = samples[k]!
    recordVout(ctx, sample, await readConditions(ctx, socket, sample.temperature), board, socket)
    const on = board.named ? ` (socket ${socket.number})` : ''
    ctx.log.info(
      `${p.temperature_c} °C: V_out${on} = ${sample.vout.toFixed(7)} V at ${sample.temperature.toFixed(2)} °C`,
    )
    measureOf(ctx, board, socket, 'vout_v', sample.vout)
  }
}

/** Output voltage at one temperature, supply voltage and load (docs/tests.md). */
export const outputVoltageTest = defineTest({
  name: 'output_voltage',
  description:
    'Output voltage at one chamber temperature, input voltage and load: waits for V_out to settle and judges it against nominal ± tolerance.',
  parameters,
  measurements: [
    {
      name: 'vout_v',
      unit: 'V',
      description: 'V_out at temperature_c, supply_v and load_a (averaged, once settled)',
      limits: voutLimits,
    },
  ],
  steps: [
    { name: 'configure', run: (ctx) => configureBench(ctx, benchSetup(ctx.params)) },
    { name: 'measure', timeoutS: 4 * 3600, run: measure },
  ],
})
