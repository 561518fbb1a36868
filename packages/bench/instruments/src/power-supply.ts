import { type CommandTable, defineCommands, formatNR1, formatNR3, p } from '@dvt/scpi'
import {
  apply,
  channelOf,
  channelWord,
  pick,
  readback,
  regulation,
  SUPPLY_CHANNELS,
  type SupplyChannelNumber,
  type SupplyContext,
  setCurrent,
  setOutput,
  setProtection,
  setVoltage,
  targets,
} from './internal/supply-logic'

export type { SupplyContext } from './internal/supply-logic'
export { resetSupply, SUPPLY_CHANNELS } from './internal/supply-logic'

const OUTPUTS = ['P6V', 'P25V', 'N25V', 'CH1', 'CH2', 'CH3'] as const
const LIMITS = ['MINimum', 'MAXimum', 'DEFault'] as const
const volts = () => p.numeric({ units: 'V', words: LIMITS })
const amps = () => p.numeric({ units: 'A', words: LIMITS })
const chans = () => p.channelList({ optional: true })
const output = () => p.oneOf([p.word(OUTPUTS), p.channelList()], { optional: true })

const each = (ctx: SupplyContext, list: readonly number[] | undefined, f: (n: SupplyChannelNumber) => string) =>
  targets(ctx, list).map(f).join(',')

/** `MEASure…?`: the readback of each output named (a word, a channel list, or the selected one). */
const measure = (ctx: SupplyContext, quantity: 'VOLT' | 'CURR', outputs: string | readonly number[] | undefined) =>
  pick(ctx, outputs)
    .map((n) => readback(ctx, quantity, n))
    .join(',')

const VOLT = '[SOURce:]VOLTage[:LEVel][:IMMediate][:AMPLitude]'
const CURR = '[SOURce:]CURRent[:LEVel][:IMMediate][:AMPLitude]'

/** Keysight E3631A semantics with E36312A channel lists; the seed's `VOLT`/`CURR`/`OUTP`/`MEAS` are subsets. */
export const supplyCommands: CommandTable<SupplyContext> = defineCommands({
  'INSTrument[:SELect]': {
    params: [p.word(OUTPUTS)],
    run: (ctx, w) => {
      ctx.selected = channelWord(w)
    },
  },
  'INSTrument[:SELect]?': { run: (ctx) => SUPPLY_CHANNELS[ctx.selected].name },
  'INSTrument:NSELect': {
    params: [p.integer({ min: 1, max: 3 })],
    run: (ctx, n) => {
      ctx.selected = n as SupplyChannelNumber
    },
  },
  'INSTrument:NSELect?': { run: (ctx) => formatNR1(ctx.selected) },
  APPLy: {
    params: [
      p.word(OUTPUTS),
      p.numeric({ units: 'V', words: LIMITS, optional: true }),
      p.numeric({ units: 'A', words: LIMITS, optional: true }),
    ],
    run: (ctx, w, v, i) => apply(ctx, channelWord(w), v, i),
  },
  'APPLy?': {
    params: [p.word(OUTPUTS, { optional: true })],
    run: (ctx, w) => {
      const channel = channelOf(ctx, w === undefined ? ctx.selected : channelWord(w))
      return `"${channel.voltageSetpoint.toFixed(6)},${channel.currentLimit.toFixed(6)}"`
    },
  },
  [VOLT]: { params: [volts(), chans()], run: (ctx, v, list) => setVoltage(ctx, v, list) },
  [`${VOLT}?`]: {
    params: [chans()],
    run: (ctx, list) => each(ctx, list, (n) => formatNR3(channelOf(ctx, n).voltageSetpoint)),
  },
  [CURR]: { params: [amps(), chans()], run: (ctx, i, list) => setCurrent(ctx, i, list) },
  [`${CURR}?`]: {
    params: [chans()],
    run: (ctx, list) => each(ctx, list, (n) => formatNR3(channelOf(ctx, n).currentLimit)),
  },
  '[SOURce:]VOLTage:PROTection[:LEVel]': {
    params: [volts(), chans()],
    run: (ctx, v, list) => setProtection(ctx, v, list),
  },
  '[SOURce:]VOLTage:PROTection[:LEVel]?': {
    params: [chans()],
    run: (ctx, list) => each(ctx, list, (n) => formatNR3(ctx.ovp[n - 1] ?? 0)),
  },
  '[SOURce:]VOLTage:PROTection:TRIPped?': {
    params: [chans()],
    run: (ctx, list) => each(ctx, list, (n) => (ctx.tripped[n - 1] ? '1' : '0')),
  },
  'OUTPut[:STATe]': { params: [p.boolean(), chans()], run: (ctx, on, list) => setOutput(ctx, on, list) },
  'OUTPut[:STATe]?': {
    params: [chans()],
    run: (ctx, list) => each(ctx, list, (n) => (channelOf(ctx, n).output ? '1' : '0')),
  },
  'OUTPut:PROTection:CLEar': {
    params: [chans()],
    run: (ctx, list) => {
      for (const n of targets(ctx, list)) ctx.tripped[n - 1] = false
    },
  },
  'MEASure[:SCALar][:VOLTage][:DC]?': { params: [output()], run: (ctx, t) => measure(ctx, 'VOLT', t) },
  'MEASure[:SCALar]:CURRent[:DC]?': { params: [output()], run: (ctx, t) => measure(ctx, 'CURR', t) },
  'STATus:QUEStionable:INSTrument:ISUMmary<1-3>:CONDition?': {
    run: (ctx, call) => formatNR1(regulation(ctx, call.suffix(0) as SupplyChannelNumber)),
  },
})
