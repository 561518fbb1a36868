import type { BenchModel } from '@dvt/physics'
import { type CommandTable, defineCommands, formatNR3, p } from '@dvt/scpi'
import { guard } from './internal/guard'

/** EL34143A limits: 60 A, 0.05 Ω … 15 kΩ in CR mode. */
export const LOAD_LIMITS = Object.freeze({ maxCurrent: 60, minResistance: 0.05, maxResistance: 15_000 })

/** `*RST` settings of the load. */
export const LOAD_RESET = Object.freeze({ current: 0, resistance: 1000 })

/** The load keeps no state of its own: mode, setpoints and input live in the model. */
export interface LoadContext {
  readonly model: BenchModel
}

/** `*RST`: CC mode, 0 A, 1 kΩ, input off. */
export function resetLoad(ctx: LoadContext): void {
  const load = ctx.model.load
  load.input = false
  load.mode = 'CC'
  load.currentSetpoint = LOAD_RESET.current
  load.resistance = LOAD_RESET.resistance
}

function set(ctx: LoadContext, setpoint: 'currentSetpoint' | 'resistance', value: number): void {
  guard(() => {
    ctx.model.load[setpoint] = value
  })
}

function readback(ctx: LoadContext, quantity: 'VOLT' | 'CURR'): string {
  const load = ctx.model.load
  return formatNR3(ctx.model.instrumentNoise.loadReadback(quantity === 'VOLT' ? load.voltage : load.current, quantity))
}

/** Power from the two noisy readbacks, as the instrument computes it. */
function power(ctx: LoadContext): string {
  const { load, instrumentNoise } = ctx.model
  return formatNR3(
    instrumentNoise.loadReadback(load.voltage, 'VOLT') * instrumentNoise.loadReadback(load.current, 'CURR'),
  )
}

/** Keysight EL34143A style; the seed's `CURR`, `INP`, `MEAS:VOLT?` are subsets. */
export const loadCommands: CommandTable<LoadContext> = defineCommands<LoadContext>({
  '[SOURce:]FUNCtion': {
    params: [p.word(['CURRent', 'RESistance'])],
    run: (ctx: LoadContext, fn: 'CURR' | 'RES') => {
      ctx.model.load.mode = fn === 'CURR' ? 'CC' : 'CR'
    },
  },
  '[SOURce:]FUNCtion?': { run: (ctx: LoadContext) => (ctx.model.load.mode === 'CC' ? 'CURR' : 'RES') },
  '[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]': {
    params: [p.numeric({ units: 'A', min: 0, max: LOAD_LIMITS.maxCurrent, default: LOAD_RESET.current })],
    run: (ctx: LoadContext, amps: number) => set(ctx, 'currentSetpoint', amps),
  },
  '[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]?': {
    run: (ctx: LoadContext) => formatNR3(ctx.model.load.currentSetpoint),
  },
  '[SOURce:]RESistance[:LEVel][:IMMediate][:AMPLitude]': {
    params: [
      p.numeric({
        units: 'OHM',
        min: LOAD_LIMITS.minResistance,
        max: LOAD_LIMITS.maxResistance,
        default: LOAD_RESET.resistance,
      }),
    ],
    run: (ctx: LoadContext, ohms: number) => set(ctx, 'resistance', ohms),
  },
  '[SOURce:]RESistance[:LEVel][:IMMediate][:AMPLitude]?': {
    run: (ctx: LoadContext) => formatNR3(ctx.model.load.resistance),
  },
  'INPut[:STATe]': {
    params: [p.boolean()],
    run: (ctx: LoadContext, on: boolean) => {
      ctx.model.load.input = on
    },
  },
  'INPut[:STATe]?': { run: (ctx: LoadContext) => (ctx.model.load.input ? '1' : '0') },
  'MEASure[:SCALar]:VOLTage[:DC]?': { run: (ctx: LoadContext) => readback(ctx, 'VOLT') },
  'MEASure[:SCALar]:CURRent[:DC]?': { run: (ctx: LoadContext) => readback(ctx, 'CURR') },
  'MEASure[:SCALar]:POWer[:DC]?': { run: (ctx: LoadContext) => power(ctx) },
})
