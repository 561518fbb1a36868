import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import {
  benchParameters,
  benchSetup,
  boardUnderTest,
  configureBench,
  measureOf,
  reportPoint,
  settleChamber,
  settleOptions,
} from './bench-steps'
import { iqSamplesParameter, readBoardIq } from './iq-vs-temp'

const parameters = z.object({
  temperature_c: z.number().min(-75).max(200).default(25).describe('chamber temperature, °C'),
  iq_samples: iqSamplesParameter,
  limit_iq_ua: z.number().positive().default(100).describe('quiescent current limit, µA'),
  ...benchParameters,
})

type Ctx = TestContext<z.output<typeof parameters>, string>

/** Settles the chamber at `temperature_c` and reads every socket's input current with its load off. */
async function measure(ctx: Ctx): Promise<void> {
  const p = ctx.params
  const board = await boardUnderTest(ctx)
  reportPoint(ctx, 0, 1, `settling at ${p.temperature_c} °C`)
  await settleChamber(ctx, p.temperature_c, settleOptions(p))
  const points = await readBoardIq(ctx, board, p.iq_samples, p.supply_v, p.temperature_c)
  for (const [k, socket] of board.sockets.entries()) measureOf(ctx, board, socket, 'iq_ua', points[k]!.iq * 1e6)
}

/** Quiescent current at one temperature, load off (docs/tests.md). */
export const quiescentCurrentTest = defineTest({
  name: 'quiescent_current',
  description: 'Quiescent current at one chamber temperature: load off, I_q from each socket’s input current.',
  parameters,
  measurements: [
    {
      name: 'iq_ua',
      unit: 'µA',
      description: 'I_q at temperature_c, the mean of iq_samples input-current readings',
      limits: (p) => ({ lower: 0, upper: p.limit_iq_ua }),
    },
  ],
  steps: [
    { name: 'configure', run: (ctx) => configureBench(ctx, benchSetup(ctx.params, { loadA: 0, samples: 1 })) },
    { name: 'measure', timeoutS: 4 * 3600, run: measure },
  ],
})
