import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import { fitAgainstTemperature, mean } from './analysis'
import {
  benchParameters,
  benchSetup,
  configureBench,
  settleOptions,
  socketUnderTest,
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

async function sweep(ctx: Ctx): Promise<void> {
  const p = ctx.params
  const { chamber } = ctx.instruments
  const socket = await socketUnderTest(ctx)
  const points = await visitSetpoints(ctx, p.points_c, settleOptions(p), async (setpoint) => {
    const before = await chamber.readTemperature()
    const currents = await socket.readInputCurrent(p.iq_samples)
    const temperature = (before + (await chamber.readTemperature())) / 2
    const iq = mean(currents)
    const at = { temperature, inputVoltage: p.supply_v, loadCurrent: 0 }
    for (const value of currents) ctx.record('iin', value, 'A', at)
    ctx.record('iq_avg', iq, 'A', at)
    ctx.log.info(`${setpoint} °C: I_q = ${(iq * 1e6).toFixed(1)} µA`)
    return { setpoint, temperature, iq }
  })
  const { at25, relativeSlope } = fitAgainstTemperature(points, (point) => point.iq)
  ctx.measure('iq_25c_ua', at25 * 1e6)
  ctx.measure('iq_tempco_pct_per_c', relativeSlope * 100)
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
