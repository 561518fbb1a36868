import type { ParamElement } from './internal/elements'
import { normalizeUnits, parseSuffix } from './internal/units'
import { ScpiExecutionError } from './scpi-errors'

/**
 * A parameter type: turns one lexed data element into the value the handler receives, or throws a
 * {@link ScpiExecutionError} with the standard code. `T` is the handler's value type.
 */
export interface ScpiParam<T> {
  /** Human-readable kind, used in messages (`numeric`, `boolean`, `word`, …). */
  readonly kind: string
  /** When true the parameter may be omitted (only at the end of a unit); the handler then gets `undefined`. */
  readonly optional: boolean
  /** Converts a lexed element (never called for an omitted parameter). */
  parse(element: ParamElement): T
  /** Phantom field carrying the value type; never set. */
  readonly __value?: T
}

/** The upper-case short form of a mixed-case keyword, at the type level: `ShortForm<'MINimum'>` is `'MIN'`. */
export type ShortForm<S extends string> = S extends `${infer C}${infer R}`
  ? `${C extends Uppercase<C> ? C : ''}${ShortForm<R>}`
  : ''

type Maybe<O, T> = O extends true ? T | undefined : T

/** Options every builder takes. */
export interface ParamOptions<O extends boolean = boolean> {
  /** May be omitted (trailing parameters only); the handler then receives `undefined`. */
  readonly optional?: O
}

interface Keyword {
  readonly short: string
  readonly long: string
}

function compileKeywords(words: readonly string[]): Keyword[] {
  return words.map((w) => ({ short: w.replace(/[a-z]/g, '').toUpperCase(), long: w.toUpperCase() }))
}

function findKeyword(keywords: readonly Keyword[], upper: string): Keyword | undefined {
  for (const k of keywords) if (upper === k.short || upper === k.long) return k
  return undefined
}

function param<T>(kind: string, optional: boolean | undefined, parse: (e: ParamElement) => T): ScpiParam<T> {
  return { kind, optional: optional === true, parse }
}

export interface NumericOptions<O extends boolean, W extends string> extends ParamOptions<O> {
  /** Units the value may carry, e.g. `'V'` or `['OHM']`; multipliers apply (`500mV`, `1.5 MA` = mA, `MOHM` = MΩ). */
  readonly units?: string | readonly string[]
  /** Lower bound: below it is −222; `MIN|MINimum` resolves to it unless `words` lists MIN. */
  readonly min?: number
  /** Upper bound: above it is −222; `MAX|MAXimum` resolves to it unless `words` lists MAX. */
  readonly max?: number
  /** `DEF|DEFault` resolves to it unless `words` lists DEF. */
  readonly default?: number
  /** Character data passed to the handler as its upper-case short form (`['AUTO', 'MINimum']` → `'AUTO' | 'MIN'`). */
  readonly words?: readonly W[]
  /** Round to the nearest integer (IEEE 488.2 §7.7.2.4) before the range check. */
  readonly integer?: boolean
  /** The only values accepted (after unit scaling); anything else is −224 Illegal parameter value. */
  readonly values?: readonly number[]
}

const NUMERIC_SPECIALS: Record<string, number> = { INF: Number.POSITIVE_INFINITY, NINF: -Infinity, NAN: Number.NaN }

function numericWord(upper: string, words: readonly Keyword[], o: NumericOptions<boolean, string>): number | string {
  const own = findKeyword(words, upper)
  if (own) return own.short
  const special = NUMERIC_SPECIALS[upper]
  if (special !== undefined) return special
  const bound =
    upper === 'MIN' || upper === 'MINIMUM'
      ? o.min
      : upper === 'MAX' || upper === 'MAXIMUM'
        ? o.max
        : upper === 'DEF' || upper === 'DEFAULT'
          ? o.default
          : undefined
  if (bound === undefined) throw new ScpiExecutionError(-148, `${upper} is not accepted here`)
  return bound
}

function checkNumber(value: number, o: NumericOptions<boolean, string>): number {
  const v = o.integer ? Math.round(value) : value
  if (o.values && !o.values.some((allowed) => Math.abs(allowed - v) <= Math.abs(allowed) * 1e-9)) {
    throw new ScpiExecutionError(-224, `${v} is not one of ${o.values.join(', ')}`)
  }
  if (o.min !== undefined && !(v >= o.min)) throw new ScpiExecutionError(-222, `${v} below ${o.min}`)
  if (o.max !== undefined && !(v <= o.max)) throw new ScpiExecutionError(-222, `${v} above ${o.max}`)
  return v
}

/** A decimal numeric parameter (NRf) with optional units, bounds and special words. */
function numeric<const O extends boolean = false, const W extends string = never>(
  options: NumericOptions<O, W> = {},
): ScpiParam<Maybe<O, number | ShortForm<W>>> {
  const units = normalizeUnits(options.units)
  const words = compileKeywords(options.words ?? [])
  return param('numeric', options.optional, (e) => {
    if (e.kind === 'word') {
      const v = numericWord(e.upper, words, options)
      return (typeof v === 'number' ? checkNumber(v, options) : v) as number
    }
    if (e.kind !== 'number') throw new ScpiExecutionError(-104, `expected a number, got ${e.text}`)
    let value = e.value
    if (e.suffix !== '') {
      const s = parseSuffix(e.suffix, units)
      if (s.error !== 0) throw new ScpiExecutionError(s.error, e.suffix)
      value *= s.scale
    }
    return checkNumber(value, options)
  })
}

/** An integer parameter (NR1; decimals are rounded as IEEE 488.2 requires). */
function integer<const O extends boolean = false, const W extends string = never>(
  options: Omit<NumericOptions<O, W>, 'integer'> = {},
): ScpiParam<Maybe<O, number | ShortForm<W>>> {
  return numeric<O, W>({ ...options, integer: true })
}

/** `ON|OFF|1|0` (any non-zero number is ON, SCPI-99 §7.3). */
function boolean<const O extends boolean = false>(options: ParamOptions<O> = {}): ScpiParam<Maybe<O, boolean>> {
  return param('boolean', options.optional, (e) => {
    if (e.kind === 'word') {
      if (e.upper === 'ON') return true
      if (e.upper === 'OFF') return false
      throw new ScpiExecutionError(-141, `${e.text} is not ON or OFF`)
    }
    if (e.kind !== 'number') throw new ScpiExecutionError(-104, `expected ON|OFF|1|0, got ${e.text}`)
    if (e.suffix !== '') throw new ScpiExecutionError(-138, e.suffix)
    return Math.round(e.value) !== 0
  })
}

/** Discrete character data from a fixed list, short or long form; the handler gets the upper-case short form. */
function word<const W extends string, const O extends boolean = false>(
  words: readonly W[],
  options: ParamOptions<O> = {},
): ScpiParam<Maybe<O, ShortForm<W>>> {
  const keywords = compileKeywords(words)
  return param('word', options.optional, (e) => {
    if (e.kind !== 'word') throw new ScpiExecutionError(-104, `expected one of ${words.join('|')}, got ${e.text}`)
    const k = findKeyword(keywords, e.upper)
    if (!k) throw new ScpiExecutionError(-141, `${e.text} is not one of ${words.join('|')}`)
    return k.short as ShortForm<W>
  })
}

/** Any character data (`TEMPCO_PPM_PER_C`), upper-cased. */
function name<const O extends boolean = false>(options: ParamOptions<O> = {}): ScpiParam<Maybe<O, string>> {
  return param('name', options.optional, (e) => {
    if (e.kind !== 'word') throw new ScpiExecutionError(-104, `expected a name, got ${e.text}`)
    return e.upper
  })
}

/** A quoted string (`"VOLT"` or `'VOLT'`, doubled quotes escape). */
function string<const O extends boolean = false>(options: ParamOptions<O> = {}): ScpiParam<Maybe<O, string>> {
  return param('string', options.optional, (e) => {
    if (e.kind === 'string') return e.value
    if (e.kind === 'word') throw new ScpiExecutionError(-148, `expected a quoted string, got ${e.text}`)
    throw new ScpiExecutionError(-104, `expected a quoted string, got ${e.text}`)
  })
}

/** The element's source text, unparsed (for dialects the other types cannot describe). */
function raw<const O extends boolean = false>(options: ParamOptions<O> = {}): ScpiParam<Maybe<O, string>> {
  return param('raw', options.optional, (e) => e.text)
}

export interface ChannelListOptions<O extends boolean> extends ParamOptions<O> {
  /** Lowest channel number (default 1); below is −222. */
  readonly min?: number
  /** Highest channel number; above is −222. */
  readonly max?: number
}

function channelNumber(text: string, o: ChannelListOptions<boolean>): number {
  const t = text.trim()
  if (!/^\d+$/.test(t)) throw new ScpiExecutionError(-102, `bad channel "${t}" in channel list`)
  const n = Number(t)
  if (n < (o.min ?? 1) || (o.max !== undefined && n > o.max)) throw new ScpiExecutionError(-222, `channel ${n}`)
  return n
}

function expandChannelList(inner: string, o: ChannelListOptions<boolean>): number[] {
  const body = inner.trimStart()
  if (!body.startsWith('@')) throw new ScpiExecutionError(-104, 'expected a channel list (@…)')
  const out: number[] = []
  for (const item of body.slice(1).split(',')) {
    const [from, to, extra] = item.split(':')
    if (from === undefined || extra !== undefined) throw new ScpiExecutionError(-102, 'bad channel range')
    const a = channelNumber(from, o)
    if (to === undefined) {
      out.push(a)
      continue
    }
    const b = channelNumber(to, o)
    const step = a <= b ? 1 : -1
    for (let c = a; c !== b + step; c += step) out.push(c)
  }
  return out
}

/** A channel list `(@1)`, `(@1,3)`, `(@1:3)`; the handler gets the channel numbers in order. */
function channelList<const O extends boolean = false>(
  options: ChannelListOptions<O> = {},
): ScpiParam<Maybe<O, number[]>> {
  return param('channel list', options.optional, (e) => {
    if (e.kind === 'expression') return expandChannelList(e.inner, options)
    if (e.kind === 'word') throw new ScpiExecutionError(-148, `expected a channel list, got ${e.text}`)
    throw new ScpiExecutionError(-104, `expected a channel list, got ${e.text}`)
  })
}

type ValueOf<P> = P extends ScpiParam<infer T> ? Exclude<T, undefined> : never

/**
 * The first alternative that accepts the element wins (`MEAS? P6V` or `MEAS? (@1)`). When none does, the
 * most specific error is reported (a data-type mismatch only if every alternative rejected the type).
 */
function oneOf<const A extends readonly ScpiParam<unknown>[], const O extends boolean = false>(
  alternatives: A,
  options: ParamOptions<O> = {},
): ScpiParam<Maybe<O, ValueOf<A[number]>>> {
  return param('one of', options.optional, (e) => {
    let best: ScpiExecutionError | undefined
    for (const alt of alternatives) {
      try {
        return alt.parse(e) as ValueOf<A[number]>
      } catch (err) {
        if (!(err instanceof ScpiExecutionError)) throw err
        if (!best || (isTypeMismatch(best) && !isTypeMismatch(err))) best = err
      }
    }
    throw best ?? new ScpiExecutionError(-104)
  })
}

function isTypeMismatch(err: ScpiExecutionError): boolean {
  return err.code === -104 || err.code === -148
}

/** Parameter builders for command tables. */
export const p = { numeric, integer, boolean, word, name, string, raw, channelList, oneOf } as const
