import type { BenchModel, LoadControl } from '@dvt/physics'
import { type CommandTable, defineCommands, formatNR1, formatNR3, p, ScpiExecutionError } from '@dvt/scpi'
import { guard } from './internal/guard'

/** EL34143A limits: 60 A, 0.05 Ω … 15 kΩ in CR mode. */
export const LOAD_LIMITS = Object.freeze({ maxCurrent: 60, minResistance: 0.05, maxResistance: 15_000 })

/** `*RST` settings of the load. */
export const LOAD_RESET = Object.freeze({ current: 0, resistance: 1000 })

/**
 * The load's own state: the channel commands without a channel list act on (`INSTrument:NSELect`). Mode,
 * setpoints and input of each channel live in the model: channel n is socket n's load.
 */
export interface LoadContext {
  readonly model: BenchModel
  selected: number
}

/** `*RST`: every channel CC mode, 0 A, 1 kΩ, input off; channel 1 selected. */
export function resetLoad(ctx: LoadContext): void {
  ctx.selected = 1
  for (const { load } of ctx.model.sockets) {
    load.input = false
    load.mode = 'CC'
    load.currentSetpoint = LOAD_RESET.current
    load.resistance = LOAD_RESET.resistance
  }
}

/** The channel numbers a command addresses: its channel list, else the selected channel; −222 for a missing one. */
function targets(ctx: LoadContext, list: readonly number[] | undefined): LoadControl[] {
  if (list === undefined || list.length === 0) return [ctx.model.socket(ctx.selected).load]
  const count = ctx.model.sockets.length
  return list.map((n) => {
    const socket = ctx.model.sockets[n - 1]
    if (socket === undefined)
      throw new ScpiExecutionError(-222, `channel ${n} does not exist; the load has 1 … ${count}`)
    return socket.load
  })
}

/** Applies `change` to every addressed channel; all are checked first, so a bad list changes nothing. */
function each(ctx: LoadContext, list: readonly number[] | undefined, change: (load: LoadControl) => void): void {
  const loads = targets(ctx, list)
  guard(() => {
    for (const load of loads) change(load)
  })
}

/** One answer per addressed channel, comma-separated. */
function answer(ctx: LoadContext, list: readonly number[] | undefined, f: (load: LoadControl) => string): string {
  return targets(ctx, list).map(f).join(',')
}

function readback(ctx: LoadContext, load: LoadControl, quantity: 'VOLT' | 'CURR'): string {
  return formatNR3(ctx.model.instrumentNoise.loadReadback(quantity === 'VOLT' ? load.voltage : load.current, quantity))
}

/** Power from the two noisy readbacks, as the instrument computes it. */
function power(ctx: LoadContext, load: LoadControl): string {
  const noise = ctx.model.instrumentNoise
  return formatNR3(noise.loadReadback(load.voltage, 'VOLT') * noise.loadReadback(load.current, 'CURR'))
}

const chans = () => p.channelList({ optional: true })
const CURR = '[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]'
const RES = '[SOURce:]RESistance[:LEVel][:IMMediate][:AMPLitude]'

/**
 * Keysight EL34143A style, one channel per socket as the multi-channel EL3xxxx loads: `INSTrument:NSELect n`
 * selects the channel, and a trailing `(@n,…)` addresses channels explicitly. The seed's `CURR`, `INP`,
 * `MEAS:VOLT?` are subsets (channel 1).
 */
export const loadCommands: CommandTable<LoadContext> = defineCommands({
  'INSTrument:NSELect': {
    params: [p.integer({ min: 1 })],
    run: (ctx: LoadContext, n: number) => {
      targets(ctx, [n])
      ctx.selected = n
    },
  },
  'INSTrument:NSELect?': { run: (ctx: LoadContext) => formatNR1(ctx.selected) },
  '[SOURce:]FUNCtion': {
    params: [p.word(['CURRent', 'RESistance']), chans()],
    run: (ctx: LoadContext, fn: 'CURR' | 'RES', list: number[] | undefined) =>
      each(ctx, list, (load) => {
        load.mode = fn === 'CURR' ? 'CC' : 'CR'
      }),
  },
  '[SOURce:]FUNCtion?': {
    params: [chans()],
    run: (ctx: LoadContext, list: number[] | undefined) =>
      answer(ctx, list, (load) => (load.mode === 'CC' ? 'CURR' : 'RES')),
  },
  [CURR]: {
    params: [p.numeric({ units: 'A', min: 0, max: LOAD_LIMITS.maxCurrent, default: LOAD_RESET.current }), chans()],
    run: (ctx: LoadContext, amps: number, list: number[] | undefined) =>
      each(ctx, list, (load) => {
        load.currentSetpoint = amps
      }),
  },
  [`${CURR}?`]: {
    params: [chans()],
    run: (ctx: LoadContext, list: number[] | undefined) => answer(ctx, list, (load) => formatNR3(load.currentSetpoint)),
  },
  [RES]: {
    params: [
      p.numeric({
        units: 'OHM',
        min: LOAD_LIMITS.minResistance,
        max: LOAD_LIMITS.maxResistance,
        default: LOAD_RESET.resistance,
      }),
      chans(),
    ],
    run: (ctx: LoadContext, ohms: number, list: number[] | undefined) =>
      each(ctx, list, (load) => {
        load.resistance = ohms
      }),
  },
  [`${RES}?`]: {
    params: [chans()],
    run: (ctx: LoadContext, list: number[] | undefined) => answer(ctx, list, (load) => formatNR3(load.resistance)),
  },
  'INPut[:STATe]': {
    params: [p.boolean(), chans()],
    run: (ctx: LoadContext, on: boolean, list: number[] | undefined) =>
      each(ctx, list, (load) => {
        load.input = on
      }),
  },
  'INPut[:STATe]?': {
    params: [chans()],
    run: (ctx: LoadContext, list: number[] | undefined) => answer(ctx, list, (load) => (load.input ? '1' : '0')),
  },
  'MEASure[:SCALar]:VOLTage[:DC]?': {
    params: [chans()],
    run: (ctx: LoadContext, list: number[] | undefined) => answer(ctx, list, (load) => readback(ctx, load, 'VOLT')),
  },
  'MEASure[:SCALar]:CURRent[:DC]?': {
    params: [chans()],
    run: (ctx: LoadContext, list: number[] | undefined) => answer(ctx, list, (load) => readback(ctx, load, 'CURR')),
  },
  'MEASure[:SCALar]:POWer[:DC]?': {
    params: [chans()],
    run: (ctx: LoadContext, list: number[] | undefined) => answer(ctx, list, (load) => power(ctx, load)),
  },
})
