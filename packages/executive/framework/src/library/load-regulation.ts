import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import { linearFit } from './analysis'
import { benchParameters, benchSetup, configureBench, measureOf, type SteppedQuantity, sweepVout } from './bench-steps'
import { loadStepParameters, recordLoadStep } from './load-step'

const parameters = z.object({
  temperature_c: z.number().min(-75).max(200).default(25).describe('chamber temperature, °C'),
  loads_a: z
    .array(z.number().min(0).max(0.6))
    .min(2)
    .default([0, 0.1, 0.2, 0.3, 0.4, 0.5])
    .describe('load currents visited, A'),
  step_settle_s: z.number().min(0).default(30).describe('wait after each load change (self-heating: 6 × τ_case), s'),
  limit_mohm: z.number().positive().default(100).describe('load regulation limit, mΩ'),
  limit_pct: z.number().positive().default(1.5).describe('V_out change over the load range limit, %'),
  ...benchParameters,
  ...loadStepParameters,
})

type Ctx = TestContext<z.output<typeof parameters>, string>

/**
 * Load current steps, every socket's load at once, the input off at 0 A; the fit's x is each load's own current
 * readback (0 when off).
 */
const loadCurrent: SteppedQuantity<number> = {
  describe: (amps) => `${amps} A`,
  async apply({ sockets }, amps) {
    for (const socket of sockets) await socket.load.configure({ current: amps, input: amps > 0 })
  },
  readBack: async ({ instruments }, socket, amps) => {
    const measured = amps > 0 ? await socket.load.measureCurrent() : 0
    return { inputVoltage: await instruments.supply.measureVoltage(1), loadCurrent: measured }
  },
}

async function sweep(ctx: Ctx): Promise<void> {
  const { board, sweeps } = await sweepVout(ctx, ctx.params.loads_a, loadCurrent)
  for (const { socket, points } of sweeps) {
    const fit = linearFit(
      points.map((point) => point.loadCurrent),
      points.map((point) => point.vout),
    )
    const first = points[0]!.vout
    const last = points.at(-1)!.vout
    measureOf(ctx, board, socket, 'load_regulation_mohm', -fit.slope * 1000)
    measureOf(ctx, board, socket, 'load_regulation_pct', ((first - last) / first) * 100)
    measureOf(ctx, board, socket, 'vout_min_load_v', first)
  }
  const loads = ctx.params.loads_a
  if (ctx.params.transient_s > 0) await recordLoadStep(ctx, board, loads[0]!, loads.at(-1)!)
}

/** V_out against load current at one temperature (docs/tests.md). */
export const loadRegulationTest = defineTest({
  name: 'load_regulation',
  description: 'Load regulation: steps the load current at a fixed temperature and fits V_out against it.',
  parameters,
  measurements: [
    {
      name: 'load_regulation_mohm',
      unit: 'mΩ',
      description: '−ΔV_out/ΔI_load by least squares (includes the DUT self-heating)',
      limits: (p) => ({ lower: -p.limit_mohm, upper: p.limit_mohm }),
    },
    {
      name: 'load_regulation_pct',
      unit: '%',
      description: 'V_out change from the first to the last load current, % of V_out at the first',
      limits: (p) => ({ lower: -p.limit_pct, upper: p.limit_pct }),
    },
    { name: 'vout_min_load_v', unit: 'V', description: 'V_out at the first load current' },
  ],
  steps: [
    {
      name: 'configure',
      run: (ctx) => {
        const loads = ctx.params.loads_a
        return configureBench(ctx, benchSetup(ctx.params, { loadA: loads[0], peakLoadA: Math.max(...loads) }))
      },
    },
    { name: 'sweep', timeoutS: 6 * 3600, run: sweep },
  ],
})
