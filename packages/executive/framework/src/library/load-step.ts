import { z } from 'zod'
import type { DutSocket } from '../sockets'
import type { TestContext } from '../test-definition'
import {
  type BenchParams,
  type Conditions,
  FAST_READING_NPLC,
  readConditions,
  sampleVout,
  socketUnderTest,
} from './bench-steps'

/**
 * The optional load step of load_regulation (docs/tests.md#load_regulation): off by default, so a default run sends
 * exactly what it always did. `dvt fit` reads the self-heating transient it records (docs/twin.md).
 */
export const loadStepParameters = {
  transient_s: z
    .number()
    .min(0)
    .default(0)
    .describe(
      'after the sweep, step the load and record the self-heating transient for this long (≥ 10 τ of the case); 0 = no step, s',
    ),
  transient_vin_v: z
    .number()
    .min(0)
    .max(6)
    .default(6)
    .describe('input voltage during the load step (one other than supply_v lets dvt fit find θ), V'),
  transient_interval_s: z.number().positive().default(0.25).describe('time between transient readings, s'),
}

/** What the load step reads from its test's parameters. */
export interface LoadStepParams extends BenchParams {
  transient_s: number
  transient_vin_v: number
  transient_interval_s: number
}

type Ctx = TestContext<LoadStepParams, string>

/** An averaged V_out reading, recorded as `vout_step` readings and their mean `vout_step_avg`. */
async function recordStepLevel(ctx: Ctx, socket: DutSocket, loadCurrent: number): Promise<Conditions> {
  const sample = await sampleVout(ctx, socket)
  const conditions = await readConditions(ctx, socket, sample.temperature)
  const at = loadCurrent > 0 ? conditions : { ...conditions, loadCurrent: 0 }
  for (const value of sample.readings) ctx.record('vout_step', value, 'V', at)
  ctx.record('vout_step_avg', sample.vout, 'V', at)
  return at
}

/**
 * At `transient_vin_v`, settles `transient_s` at load `from`, takes an averaged reading, steps the load to `to` (the
 * `load_step` row marks the instant), records one V_out reading every `transient_interval_s` for `transient_s`
 * (`vout_transient`, each stamped with the simulator's time at its end), and takes another averaged reading.
 */
export async function recordLoadStep(ctx: Ctx, from: number, to: number): Promise<void> {
  const p = ctx.params
  const { supply } = ctx.instruments
  const socket = await socketUnderTest(ctx)
  const { load } = socket
  ctx.progress({ message: `load step ${from} → ${to} A at V_in ${p.transient_vin_v} V: settling` })
  await supply.setVoltage(1, p.transient_vin_v)
  await load.configure({ current: from, input: from > 0 })
  await ctx.clock.wait(p.transient_s)
  const { temperature } = await recordStepLevel(ctx, socket, from)
  await socket.setupVout({ range: 10, nplc: FAST_READING_NPLC, samples: 1 })
  await load.configure({ current: to, input: true })
  const start = await ctx.clock.sync()
  const at = { temperature, inputVoltage: p.transient_vin_v, loadCurrent: to }
  ctx.record('load_step', to, 'A', at)
  ctx.progress({ message: `load step ${from} → ${to} A: recording the transient for ${p.transient_s} s` })
  while (ctx.clock.now() - start < p.transient_s) {
    await ctx.clock.wait(p.transient_interval_s)
    const [vout = Number.NaN] = await socket.readVout()
    await ctx.clock.sync()
    ctx.record('vout_transient', vout, 'V', at)
  }
  await socket.setupVout({ range: 10, nplc: p.nplc, samples: p.samples })
  await recordStepLevel(ctx, socket, to)
  ctx.log.info(`load step ${from} → ${to} A at ${p.transient_vin_v} V recorded over ${p.transient_s} s`)
}
