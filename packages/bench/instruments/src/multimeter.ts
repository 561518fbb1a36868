import { type CommandTable, defineCommands, formatNR1, formatNR3, formatString, p, type ScpiCall } from '@dvt/scpi'
import {
  configure,
  describeConfiguration,
  functionNamed,
  type RangeArg,
  setAutoRange,
  setNplc,
  setRange,
  setResolution,
} from './internal/dmm-config'
import { acquire, type DmmContext, fetch, formatAcquisition, initiate, read } from './internal/dmm-reading'
import { DEFAULT_NPLC, type DmmFunction, NPLC_VALUES, resolutionOf } from './internal/dmm-settings'

export { resetMultimeter } from './internal/dmm-config'
export type { DmmContext } from './internal/dmm-reading'
export { trigger as triggerMultimeter } from './internal/dmm-reading'
export type { DmmFunction, DmmSettings } from './internal/dmm-settings'
export { defaultDmmSettings } from './internal/dmm-settings'

const UNIT: Readonly<Record<DmmFunction, string>> = { VOLT: 'V', CURR: 'A', RES: 'OHM', FRES: 'OHM' }
const RANGE_WORDS = ['AUTO', 'MINimum', 'MAXimum', 'DEFault'] as const
const LIMIT_WORDS = ['MINimum', 'MAXimum', 'DEFault'] as const

/** MEASure/CONFigure node and SENSe subtree of each function. */
const FUNCTION_HEADERS: readonly (readonly [DmmFunction, string, string])[] = [
  ['VOLT', '[:VOLTage][:DC]', '[SENSe:]VOLTage[:DC]'],
  ['CURR', ':CURRent[:DC]', '[SENSe:]CURRent[:DC]'],
  ['RES', ':RESistance', '[SENSe:]RESistance'],
  ['FRES', ':FRESistance', '[SENSe:]FRESistance'],
]

type Entry = { params?: readonly unknown[]; run: (ctx: DmmContext, ...args: never[]) => unknown }

function functionCommands(fn: DmmFunction, node: string, sense: string): Record<string, Entry> {
  const settings = (ctx: DmmContext) => ctx.settings.functions[fn]
  const optionalRange = () => p.numeric({ units: UNIT[fn], words: RANGE_WORDS, optional: true })
  const measureParams = [optionalRange(), optionalRange()]
  return {
    [`MEASure${node}?`]: {
      params: measureParams,
      run: (ctx: DmmContext, range: RangeArg, res: RangeArg) => {
        configure(ctx, fn, range, res)
        return formatAcquisition(acquire(ctx))
      },
    },
    [`CONFigure${node}`]: {
      params: measureParams,
      run: (ctx: DmmContext, range: RangeArg, res: RangeArg) => configure(ctx, fn, range, res),
    },
    [`${sense}:RANGe`]: {
      params: [p.numeric({ units: UNIT[fn], words: LIMIT_WORDS })],
      run: (ctx: DmmContext, range: number | 'MIN' | 'MAX' | 'DEF') => setRange(ctx, fn, range),
    },
    [`${sense}:RANGe?`]: { run: (ctx: DmmContext) => formatNR3(settings(ctx).range) },
    [`${sense}:RANGe:AUTO`]: {
      params: [p.oneOf([p.boolean(), p.word(['ONCE'])])],
      run: (ctx: DmmContext, mode: boolean | 'ONCE') => setAutoRange(ctx, fn, mode),
    },
    [`${sense}:RANGe:AUTO?`]: { run: (ctx: DmmContext) => (settings(ctx).auto ? '1' : '0') },
    [`${sense}:NPLCycles`]: {
      params: [p.numeric({ min: NPLC_VALUES[0], max: NPLC_VALUES.at(-1), default: DEFAULT_NPLC })],
      run: (ctx: DmmContext, n: number) => setNplc(ctx, fn, n),
    },
    [`${sense}:NPLCycles?`]: { run: (ctx: DmmContext) => formatNR3(settings(ctx).nplc) },
    [`${sense}:RESolution`]: {
      params: [p.numeric({ units: UNIT[fn], words: LIMIT_WORDS })],
      run: (ctx: DmmContext, res: RangeArg) => setResolution(ctx, fn, res),
    },
    [`${sense}:RESolution?`]: {
      run: (ctx: DmmContext) => formatNR3(resolutionOf(settings(ctx).range, settings(ctx).nplc)),
    },
  }
}

const perFunction = Object.fromEntries(
  FUNCTION_HEADERS.flatMap(([fn, node, sense]) => Object.entries(functionCommands(fn, node, sense))),
)

/** Keysight 34461A / HP 34401A superset; the seed's `MEAS:VOLT:DC?`, `CONF:VOLT:DC`, `READ?` are subsets. */
export const multimeterCommands: CommandTable<DmmContext> = defineCommands<DmmContext>({
  ...perFunction,
  'CONFigure?': { run: (ctx: DmmContext) => describeConfiguration(ctx) },
  'READ?': { run: (ctx: DmmContext) => read(ctx) },
  'INITiate[:IMMediate]': {
    run: (ctx: DmmContext, call: ScpiCall) => {
      const started = initiate(ctx)
      if (started !== undefined) call.pending(started)
    },
  },
  'FETCh?': { run: (ctx: DmmContext) => fetch(ctx) },
  '[SENSe:]FUNCtion[:ON]': {
    params: [p.oneOf([p.string(), p.name()])],
    run: (ctx: DmmContext, name: string) => {
      ctx.settings.fn = functionNamed(name)
    },
  },
  '[SENSe:]FUNCtion[:ON]?': { run: (ctx: DmmContext) => formatString(ctx.settings.fn) },
  'TRIGger:SOURce': {
    params: [p.word(['IMMediate', 'BUS', 'EXTernal'])],
    run: (ctx: DmmContext, source: 'IMM' | 'BUS' | 'EXT') => {
      ctx.settings.triggerSource = source
    },
  },
  'TRIGger:SOURce?': { run: (ctx: DmmContext) => ctx.settings.triggerSource },
  'TRIGger:COUNt': {
    params: [p.integer({ min: 1, max: 10_000, default: 1 })],
    run: (ctx: DmmContext, n: number) => {
      ctx.settings.triggerCount = n
    },
  },
  'TRIGger:COUNt?': { run: (ctx: DmmContext) => formatNR3(ctx.settings.triggerCount) },
  'SAMPle:COUNt': {
    params: [p.integer({ min: 1, max: 10_000, default: 1 })],
    run: (ctx: DmmContext, n: number) => {
      ctx.settings.sampleCount = n
    },
  },
  'SAMPle:COUNt?': { run: (ctx: DmmContext) => formatNR1(ctx.settings.sampleCount) },
  'SYSTem:BEEPer[:IMMediate]': { run: () => undefined },
})
