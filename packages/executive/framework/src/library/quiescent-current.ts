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
import { readBoardIq } from './iq-vs-temp'

/** Readings averaged per I_q without `iq_samples`: the supply's read-back is noisy, a sense channel is not. */
const SUPPLY_READBACK_SAMPLES = 1000
const SENSED_SAMPLES = 100

const parameters = z.object({
  temperature_c: z.number().min(-75).max(200).default(25).describe('chamber temperature, °C'),
  iq_samples: z
    .number()
    .int()
    .min(1)
    .max(20_000)
    .optional()
    .describe(
      `input-current readings averaged per socket [${SUPPLY_READBACK_SAMPLES} from the supply's read-back (σ ≈ 0.1 mA each), ${SENSED_SAMPLES} from current-sense channels (σ < 0.1 µA each, 20 ms per reading and socket)]`,
    ),
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
  const sensed = board.sockets.every((socket) => socket.wiring.inputCurrent.kind === 'mux')
  const samples = p.iq_samples ?? (sensed ? SENSED_SAMPLES : SUPPLY_READBACK_SAMPLES)
  const points = await readBoardIq(ctx, board, samples, p.supply_v, p.temperature_c)
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
      description: 'I_q at temperature_c, the mean of iq_samples input-current readings with the load off',
      limits: (p) => ({ lower: 0, upper: p.limit_iq_ua }),
    },
  ],
  steps: [
    { name: 'configure', run: (ctx) => configureBench(ctx, benchSetup(ctx.params, { loadA: 0, samples: 1 })) },
    { name: 'measure', timeoutS: 4 * 3600, run: measure },
  ],
})
