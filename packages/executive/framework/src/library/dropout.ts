import { z } from 'zod'
import { defineTest, type TestContext } from '../test-definition'
import {
  type Board,
  benchParameters,
  benchSetup,
  boardUnderTest,
  configureBench,
  FAST_READING_NPLC,
  measureOf,
  recordOf,
  reportPoint,
  sampleBoardVout,
  settleChamber,
  settleOptions,
} from './bench-steps'

const parameters = z.object({
  temperature_c: z
    .number()
    .min(-75)
    .max(200)
    .optional()
    .describe('measure at this one chamber temperature instead of the three corners (dropout_v; a campaign step), °C'),
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

/**
 * Ramps V_in down from `vin_start_v` (the one supply feeds the whole board) until each socket's V_out falls `drop_v`
 * below its `regulated` value; returns each socket's V_in − V_out there, in the board's order.
 */
async function findDropouts(
  ctx: Ctx,
  board: Board,
  regulated: readonly number[],
  temperature: number,
): Promise<number[]> {
  const p = ctx.params
  const { supply } = ctx.instruments
  const { sockets } = board
  await ctx.sockets.setupVouts(sockets, { range: 10, nplc: FAST_READING_NPLC, samples: 1 })
  const loadCurrents: number[] = []
  for (const socket of sockets) loadCurrents.push(await socket.load.measureCurrent())
  const dropouts: (number | null)[] = sockets.map(() => null)
  const steps = Math.floor((p.vin_start_v - p.vin_min_v) / p.vin_step_v + 1e-9)
  for (let i = 0; i <= steps; i++) {
    const vin = Number((p.vin_start_v - i * p.vin_step_v).toFixed(6))
    await supply.setVoltage(1, vin)
    await ctx.clock.wait(p.step_settle_s)
    const waiting = sockets.filter((_, k) => dropouts[k] === null)
    const readings = await ctx.sockets.readVouts(waiting)
    const dropped: [number, number][] = []
    for (const [j, socket] of waiting.entries()) {
      const k = sockets.indexOf(socket)
      const vout = readings[j]![0] ?? Number.NaN
      recordOf(ctx, board, socket, 'vout_ramp', vout, 'V', {
        temperature,
        inputVoltage: vin,
        loadCurrent: loadCurrents[k]!,
      })
      if (vout < regulated[k]! - p.drop_v) dropped.push([k, vout])
    }
    if (dropped.length > 0) {
      const measuredVin = await supply.measureVoltage(1)
      for (const [k, vout] of dropped) dropouts[k] = measuredVin - vout
      if (dropouts.every((d) => d !== null)) return dropouts as number[]
    }
  }
  const k = dropouts.indexOf(null)
  const which = board.named ? `socket ${sockets[k]!.number}: ` : ''
  throw new Error(
    `${which}V_out never dropped ${p.drop_v} V below ${regulated[k]!.toFixed(4)} V down to V_in = ${p.vin_min_v} V`,
  )
}

/** Where one dropout point is measured: the chamber setpoint, what the log calls it, the measurement it sets. */
interface DropoutPoint {
  setpoint: number
  label: string
  measurement: string
  index: number
  count: number
}

/** One of the three corners, or nothing when the run measures at `temperature_c` alone. */
function cornerPoint(p: Params, which: Corner, index: number): DropoutPoint | null {
  if (p.temperature_c !== undefined) return null
  const setpoint = p[`${which}_c`]
  return { setpoint, label: which, measurement: `dropout_${which}_v`, index, count: 3 }
}

/** The one point of a run at `temperature_c`. */
function singlePoint(p: Params): DropoutPoint {
  const setpoint = p.temperature_c!
  return { setpoint, label: `${setpoint} °C`, measurement: 'dropout_v', index: 0, count: 1 }
}

/** The room step: the room corner, or the run's one temperature. */
const roomStep = (ctx: Ctx) => measurePoint(ctx, cornerPoint(ctx.params, 'room', 0) ?? singlePoint(ctx.params))

/** The cold or hot step: its corner, skipped when the run measures at one temperature. */
async function cornerStep(ctx: Ctx, which: Corner, index: number) {
  const point = cornerPoint(ctx.params, which, index)
  if (point === null) return 'skip'
  await measurePoint(ctx, point)
  return 'continue'
}

async function measurePoint(ctx: Ctx, point: DropoutPoint): Promise<void> {
  const p = ctx.params
  const { setpoint, label: which } = point
  const where = point.count === 3 ? `${which} (${setpoint} °C)` : which
  reportPoint(ctx, point.index, point.count, where)
  const board = await boardUnderTest(ctx)
  await ctx.instruments.supply.setVoltage(1, p.supply_v)
  await ctx.sockets.setupVouts(board.sockets, { range: 10, nplc: p.nplc, samples: p.samples })
  await settleChamber(ctx, setpoint, settleOptions(p))
  const references = await sampleBoardVout(ctx, board.sockets)
  for (const [k, socket] of board.sockets.entries()) {
    const reference = references[k]!
    const at = { temperature: reference.temperature, inputVoltage: p.supply_v }
    recordOf(ctx, board, socket, 'vout_regulated', reference.vout, 'V', at)
  }
  const temperature = references[0]!.temperature
  const dropouts = await findDropouts(
    ctx,
    board,
    references.map((r) => r.vout),
    temperature,
  )
  for (const [k, socket] of board.sockets.entries()) {
    const dropout = dropouts[k]!
    recordOf(ctx, board, socket, 'dropout', dropout, 'V', { temperature })
    const on = board.named ? ` (socket ${socket.number})` : ''
    ctx.log.info(`${where}${on}: dropout ${dropout.toFixed(4)} V`)
    measureOf(ctx, board, socket, point.measurement, dropout)
  }
}

const limits = (p: Params) => ({ lower: 0, upper: p.limit_v })
/** The run measures the three corners (no `temperature_c`). */
const corners = (p: Params) => p.temperature_c === undefined

/** Dropout voltage at room temperature and the two extremes (docs/tests.md). */
export const dropoutTest = defineTest({
  name: 'dropout',
  description:
    'Dropout voltage: ramps V_in down until V_out falls 100 mV below regulation, at room temperature and both extremes.',
  parameters,
  measurements: [
    {
      name: 'dropout_room_v',
      unit: 'V',
      description: 'V_in − V_out at dropout, room temperature',
      limits,
      applies: corners,
    },
    {
      name: 'dropout_cold_v',
      unit: 'V',
      description: 'V_in − V_out at dropout, cold extreme',
      limits,
      applies: corners,
    },
    { name: 'dropout_hot_v', unit: 'V', description: 'V_in − V_out at dropout, hot extreme', limits, applies: corners },
    {
      name: 'dropout_v',
      unit: 'V',
      description: 'V_in − V_out at dropout at temperature_c (a run at one temperature)',
      limits,
      applies: (p) => !corners(p),
    },
  ],
  steps: [
    { name: 'configure', run: (ctx) => configureBench(ctx, benchSetup(ctx.params)) },
    { name: 'room', timeoutS: 4 * 3600, run: roomStep },
    { name: 'cold', timeoutS: 4 * 3600, run: (ctx) => cornerStep(ctx, 'cold', 1) },
    { name: 'hot', timeoutS: 4 * 3600, run: (ctx) => cornerStep(ctx, 'hot', 2) },
  ],
})
