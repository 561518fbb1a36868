import { z } from 'zod'
import type { TestContext } from '../test-definition'
import {
  type BenchParams,
  type Board,
  FAST_READING_NPLC,
  readConditions,
  recordOf,
  sampleBoardVout,
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

/** An averaged V_out reading of each socket, recorded as `vout_step` readings and their mean `vout_step_avg`. */
async function recordStepLevel(ctx: Ctx, board: Board, loadCurrent: number): Promise<number> {
  const samples = await sampleBoardVout(ctx, board.sockets)
  for (const [i, socket] of board.sockets.entries()) {
    const sample = samples[i]!
    const conditions = await readConditions(ctx, socket, sample.temperature)
    const at = loadCurrent > 0 ? conditions : { ...conditions, loadCurrent: 0 }
    for (const value of sample.readings) recordOf(ctx, board, socket, 'vout_step', value, 'V', at)
    recordOf(ctx, board, socket, 'vout_step_avg', sample.vout, 'V', at)
  }
  return samples[0]!.temperature
}

/**
 * At `transient_vin_v`, settles `transient_s` with every socket at load `from`, takes an averaged reading, steps every
 * load to `to` (the `load_step` row marks the instant), records one V_out reading of each socket every
 * `transient_interval_s` for `transient_s` (`vout_transient`, each stamped with the simulator's time at its end; the
 * sockets on the switch/measure unit in one scan), and takes another averaged reading.
 */
export async function recordLoadStep(ctx: Ctx, board: Board, from: number, to: number): Promise<void> {
  const p = ctx.params
  const { supply } = ctx.instruments
  const { sockets } = board
  ctx.progress({ message: `load step ${from} → ${to} A at V_in ${p.transient_vin_v} V: settling` })
  await supply.setVoltage(1, p.transient_vin_v)
  for (const socket of sockets) await socket.load.configure({ current: from, input: from > 0 })
  await ctx.clock.wait(p.transient_s)
  const temperature = await recordStepLevel(ctx, board, from)
  await ctx.sockets.setupVouts(sockets, { range: 10, nplc: FAST_READING_NPLC, samples: 1 })
  for (const socket of sockets) await socket.load.configure({ current: to, input: true })
  const start = await ctx.clock.sync()
  const at = { temperature, inputVoltage: p.transient_vin_v, loadCurrent: to }
  for (const socket of sockets) recordOf(ctx, board, socket, 'load_step', to, 'A', at)
  ctx.progress({ message: `load step ${from} → ${to} A: recording the transient for ${p.transient_s} s` })
  while (ctx.clock.now() - start < p.transient_s) {
    await ctx.clock.wait(p.transient_interval_s)
    const readings = await ctx.sockets.readVouts(sockets)
    await ctx.clock.sync()
    for (const [i, socket] of sockets.entries()) {
      recordOf(ctx, board, socket, 'vout_transient', readings[i]![0] ?? Number.NaN, 'V', at)
    }
  }
  await ctx.sockets.setupVouts(sockets, { range: 10, nplc: p.nplc, samples: p.samples })
  await recordStepLevel(ctx, board, to)
  ctx.log.info(`load step ${from} → ${to} A at ${p.transient_vin_v} V recorded over ${p.transient_s} s`)
}
