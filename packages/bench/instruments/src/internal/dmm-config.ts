import { formatNR3, formatString, ScpiExecutionError } from '@dvt/scpi'
import type { DmmContext } from './dmm-reading'
import {
  DEFAULT_NPLC,
  DEFAULT_RANGE,
  DMM_RANGES,
  type DmmFunction,
  defaultDmmSettings,
  NPLC_VALUES,
  nplcFor,
  nplcForResolution,
  rangeFor,
  resolutionOf,
} from './dmm-settings'

/** A range or resolution argument as the parameter parser hands it over. */
export type RangeArg = number | 'AUTO' | 'MIN' | 'MAX' | 'DEF' | undefined

/** `*RST`: DC volts, autorange, 10 NPLC, one immediate reading; stored readings are discarded. */
export function resetMultimeter(ctx: DmmContext): void {
  ctx.armed?.cancel()
  ctx.settings = defaultDmmSettings()
  ctx.acquisition = undefined
}

/** A fixed range: a value picks the smallest range that holds it (−222 above the largest); autorange off. */
export function setRange(ctx: DmmContext, fn: DmmFunction, value: number | 'MIN' | 'MAX' | 'DEF'): void {
  const ranges = DMM_RANGES[fn]
  let chosen: number | undefined
  if (value === 'MIN') chosen = ranges[0]
  else if (value === 'MAX') chosen = ranges.at(-1)
  else if (value === 'DEF') chosen = DEFAULT_RANGE[fn]
  else chosen = rangeFor(fn, value)
  if (chosen === undefined) throw new ScpiExecutionError(-222, `${fn} range ${value} above ${ranges.at(-1)}`)
  const settings = ctx.settings.functions[fn]
  settings.range = chosen
  settings.auto = false
}

/** Resolution → the shortest integration time that gives it (MIN = finest = 100 NPLC). */
export function setResolution(ctx: DmmContext, fn: DmmFunction, value: RangeArg): void {
  const settings = ctx.settings.functions[fn]
  if (value === undefined || value === 'DEF' || value === 'AUTO') settings.nplc = DEFAULT_NPLC
  else if (value === 'MIN') settings.nplc = NPLC_VALUES.at(-1) ?? DEFAULT_NPLC
  else if (value === 'MAX') settings.nplc = NPLC_VALUES[0] ?? DEFAULT_NPLC
  else if (!(value > 0)) throw new ScpiExecutionError(-222, `resolution ${value} must be positive`)
  else settings.nplc = nplcForResolution(settings.range, value)
}

/**
 * `CONFigure:<fn> [range[,resolution]]` (also the first half of `MEASure:<fn>?`): selects the function and
 * presets the trigger system (immediate, one trigger, one sample). On an error nothing changes.
 */
export function configure(ctx: DmmContext, fn: DmmFunction, range: RangeArg, resolution: RangeArg): void {
  // Only this function's settings change before the preset below; a shallow copy restores them.
  const settings = ctx.settings.functions[fn]
  const before = { ...settings }
  try {
    if (range === undefined || range === 'AUTO' || range === 'DEF') settings.auto = true
    else setRange(ctx, fn, range)
    setResolution(ctx, fn, resolution)
  } catch (error) {
    Object.assign(settings, before)
    throw error
  }
  Object.assign(ctx.settings, { fn, triggerSource: 'IMM', triggerCount: 1, sampleCount: 1 })
}

/** NPLC between the offered values rounds up to the next one; above 100 is −222. */
export function setNplc(ctx: DmmContext, fn: DmmFunction, value: number): void {
  const nplc = nplcFor(value)
  if (nplc === undefined) throw new ScpiExecutionError(-222, `NPLC ${value} above ${NPLC_VALUES.at(-1)}`)
  ctx.settings.functions[fn].nplc = nplc
}

/** `RANGe:AUTO ON|OFF|ONCE` (ONCE: pick the range for the present value, then hold it). */
export function setAutoRange(ctx: DmmContext, fn: DmmFunction, mode: boolean | 'ONCE'): void {
  const settings = ctx.settings.functions[fn]
  if (mode !== 'ONCE') {
    settings.auto = mode
    return
  }
  const quantity = fn === 'VOLT' ? 'vout' : fn === 'CURR' ? 'iout' : 'thermistor'
  const needed = Math.abs(ctx.model.quantity(quantity)) * 1.2
  settings.range = rangeFor(fn, needed) ?? DMM_RANGES[fn].at(-1) ?? settings.range
  settings.auto = false
}

const FUNCTION_NAMES: Readonly<Record<string, DmmFunction>> = {
  VOLT: 'VOLT',
  'VOLT:DC': 'VOLT',
  VOLTAGE: 'VOLT',
  'VOLTAGE:DC': 'VOLT',
  CURR: 'CURR',
  'CURR:DC': 'CURR',
  CURRENT: 'CURR',
  'CURRENT:DC': 'CURR',
  RES: 'RES',
  RESISTANCE: 'RES',
  FRES: 'FRES',
  FRESISTANCE: 'FRES',
}

/** `FUNCtion "VOLT"`: the quoted name in short or long form, optionally with `:DC`. */
export function functionNamed(name: string): DmmFunction {
  const fn = FUNCTION_NAMES[name.trim().toUpperCase()]
  if (fn === undefined) throw new ScpiExecutionError(-224, `function "${name}" is not VOLT, CURR, RES or FRES`)
  return fn
}

/** `CONFigure?` → `"VOLT +1.00000000E+01,+3.00000000E-06"`. */
export function describeConfiguration(ctx: DmmContext): string {
  const { fn } = ctx.settings
  const s = ctx.settings.functions[fn]
  return formatString(`${fn} ${formatNR3(s.range)},${formatNR3(resolutionOf(s.range, s.nplc))}`)
}
