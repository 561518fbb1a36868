import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import { linearFit } from './analysis'
import { benchParameters, benchSetup, configureBench, measureOf, type SteppedQuantity, sweepVout } from './bench-steps'

const parameters = z.object({
  temperature_c: z.number().min(-75).max(200).default(25).describe('chamber temperature, °C'),
  vins_v: z.array(z.number().min(0).max(6)).min(2).default([4, 4.5, 5, 5.5, 6]).describe('input voltages visited, V'),
  step_settle_s: z.number().min(0).default(30).describe('wait after each input change, s'),
  limit_pct_per_v: z.number().positive().default(0.1).describe('line regulation limit, %/V'),
  ...benchParameters,
})

type Ctx = TestContext<z.output<typeof parameters>, string>

/** V_in steps (the one supply feeds the whole board); the fit's x is the supply's own voltage readback. */
const inputVoltage: SteppedQuantity<number> = {
  describe: (vin) => `V_in ${vin} V`,
  apply: ({ instruments }, vin) => instruments.supply.setVoltage(1, vin),
  readBack: async ({ instruments }, socket) => ({
    inputVoltage: await instruments.supply.measureVoltage(1),
    loadCurrent: await socket.load.measureCurrent(),
  }),
}

async function sweep(ctx: Ctx): Promise<void> {
  const p = ctx.params
  const { board, sweeps } = await sweepVout(ctx, p.vins_v, inputVoltage)
  for (const { socket, points } of sweeps) {
    const fit = linearFit(
      points.map((point) => point.inputVoltage),
      points.map((point) => point.vout),
    )
    const reference = fit.at(p.supply_v)
    measureOf(ctx, board, socket, 'line_regulation_pct_per_v', (fit.slope / reference) * 100)
    measureOf(ctx, board, socket, 'line_regulation_mv_per_v', fit.slope * 1000)
    measureOf(ctx, board, socket, 'vout_nominal_vin_v', reference)
  }
}

/** V_out against input voltage at one temperature (docs/tests.md). */
export const lineRegulationTest = defineTest({
  name: 'line_regulation',
  description: 'Line regulation: steps the input voltage at a fixed load and temperature and fits V_out against it.',
  parameters,
  measurements: [
    {
      name: 'line_regulation_pct_per_v',
      unit: '%/V',
      description: 'ΔV_out/ΔV_in by least squares, % of V_out at supply_v per volt (includes self-heating)',
      limits: (p) => ({ lower: -p.limit_pct_per_v, upper: p.limit_pct_per_v }),
    },
    { name: 'line_regulation_mv_per_v', unit: 'mV/V', description: 'ΔV_out/ΔV_in by least squares' },
    { name: 'vout_nominal_vin_v', unit: 'V', description: 'V_out at supply_v (from the fit)' },
  ],
  steps: [
    { name: 'configure', run: (ctx) => configureBench(ctx, benchSetup(ctx.params)) },
    { name: 'sweep', timeoutS: 6 * 3600, run: sweep },
  ],
})
