import { z } from 'zod'
import type { DutSocket } from '../sockets'
import { defineTest, type TestContext } from '../test-definition'
import {
  benchParameters,
  benchSetup,
  configureBench,
  FAST_READING_NPLC,
  reportPoint,
  sampleVout,
  settleChamber,
  settleOptions,
  socketUnderTest,
} from './bench-steps'

const parameters = z.object({
  cold_c: z.number().min(-75).max(200).default(-40).describe('cold extreme, °C'),
  room_c: z.number().min(-75).max(200).default(25).describe('room temperature, °C'),
  hot_c: z.number().min(-75).max(200).default(85).describe('hot extreme, °C'),
  vin_start_v: z.number().positive().max(6).default(4).describe('input voltage the downward ramp starts from, V'),
  vin_step_v: z.number().positive().max(0.5).default(0.01).describe('input voltage step, V'),
  vin_min_v: z.number().min(0).default(2.5).describe('lowest input voltage tried, V'),
  drop_v: z.number().positive().default(0.1).describe('V_out drop below its regulated value that defines dropout, V'),
  step_settle_s: z.number().min(0).default(2).describe('wait after each input step, s'),
  limit_v: z.number().positive().default(0.5).describe('dropout voltage limit, V'),
  ...benchParameters,
})

type Params = z.output<typeof parameters>
type Ctx = TestContext<Params, string>
type Corner = 'cold' | 'room' | 'hot'

/** Ramps V_in down from `vin_start_v` until V_out falls `drop_v` below `regulated`; returns V_in − V_out there. */
async function findDropout(ctx: Ctx, socket: DutSocket, regulated: number, temperature: number): Promise<number> {
  const p = ctx.params
  const { supply } = ctx.instruments
  await socket.setupVout({ range: 10, nplc: FAST_READING_NPLC, samples: 1 })
  const loadCurrent = await socket.load.measureCurrent()
  const steps = Math.floor((p.vin_start_v - p.vin_min_v) / p.vin_step_v + 1e-9)
  for (let i = 0; i <= steps; i++) {
    const vin = Number((p.vin_start_v - i * p.vin_step_v).toFixed(6))
    await supply.setVoltage(1, vin)
    await ctx.clock.wait(p.step_settle_s)
    const [vout = Number.NaN] = await socket.readVout()
    ctx.record('vout_ramp', vout, 'V', { temperature, inputVoltage: vin, loadCurrent })
    if (vout < regulated - p.drop_v) {
      const measuredVin = await supply.measureVoltage(1)
      return measuredVin - vout
    }
  }
  throw new Error(`V_out never dropped ${p.drop_v} V below ${regulated.toFixed(4)} V down to V_in = ${p.vin_min_v} V`)
}

async function corner(ctx: Ctx, which: Corner, index: number): Promise<void> {
  const p = ctx.params
  const setpoint = p[`${which}_c`]
  reportPoint(ctx, index, 3, `${which} (${setpoint} °C)`)
  const socket = await socketUnderTest(ctx)
  await ctx.instruments.supply.setVoltage(1, p.supply_v)
  await socket.setupVout({ range: 10, nplc: p.nplc, samples: p.samples })
  await settleChamber(ctx, setpoint, settleOptions(p))
  const reference = await sampleVout(ctx, socket)
  ctx.record('vout_regulated', reference.vout, 'V', { temperature: reference.temperature, inputVoltage: p.supply_v })
  const dropout = await findDropout(ctx, socket, reference.vout, reference.temperature)
  ctx.record('dropout', dropout, 'V', { temperature: reference.temperature })
  ctx.log.info(`${which} (${setpoint} °C): dropout ${dropout.toFixed(4)} V`)
  ctx.measure(`dropout_${which}_v`, dropout)
}

const limits = (p: Params) => ({ lower: 0, upper: p.limit_v })

/** Dropout voltage at room temperature and the two extremes (docs/tests.md). */
export const dropoutTest = defineTest({
  name: 'dropout',
  description:
    'Dropout voltage: ramps V_in down until V_out falls 100 mV below regulation, at room temperature and both extremes.',
  parameters,
  measurements: [
    { name: 'dropout_room_v', unit: 'V', description: 'V_in − V_out at dropout, room temperature', limits },
    { name: 'dropout_cold_v', unit: 'V', description: 'V_in − V_out at dropout, cold extreme', limits },
    { name: 'dropout_hot_v', unit: 'V', description: 'V_in − V_out at dropout, hot extreme', limits },
  ],
  steps: [
    { name: 'configure', run: (ctx) => configureBench(ctx, benchSetup(ctx.params)) },
    { name: 'room', timeoutS: 4 * 3600, run: (ctx) => corner(ctx, 'room', 0) },
    { name: 'cold', timeoutS: 4 * 3600, run: (ctx) => corner(ctx, 'cold', 1) },
    { name: 'hot', timeoutS: 4 * 3600, run: (ctx) => corner(ctx, 'hot', 2) },
  ],
})
