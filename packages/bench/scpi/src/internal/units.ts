/**
 * Suffix multipliers (SCPI-99 Vol. 1 §7.7.3). `M` is milli and `MA` mega, except that `MHZ` and `MOHM`
 * mean mega-hertz and mega-ohm (the special case the standard carves out).
 */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['EX', 1e18],
  ['PE', 1e15],
  ['T', 1e12],
  ['G', 1e9],
  ['MA', 1e6],
  ['K', 1e3],
  ['M', 1e-3],
  ['U', 1e-6],
  ['N', 1e-9],
  ['P', 1e-12],
  ['F', 1e-15],
  ['A', 1e-18],
])

/** Units the engine recognises; a recognised unit that the parameter does not take is −138, anything else −131. */
const KNOWN_UNITS = [
  'V',
  'A',
  'W',
  'OHM',
  'HZ',
  'S',
  'SEC',
  'C',
  'CEL',
  'K',
  'FAR',
  'PCT',
  'DB',
  'DBM',
  'J',
  'F',
  'H',
  'C/MIN',
  'PPM',
] as const

export interface SuffixResult {
  /** 0 when the suffix is valid for `units` (then `scale` applies), else −131 or −138. */
  readonly error: 0 | -131 | -138
  readonly scale: number
  /** The matched unit (upper case), `''` when none. */
  readonly unit: string
}

function multiplierFor(prefix: string, unit: string): number | undefined {
  if (prefix === 'M' && (unit === 'HZ' || unit === 'OHM')) return 1e6
  return MULTIPLIERS.get(prefix)
}

function matchUnits(suffix: string, units: readonly string[]): { scale: number; unit: string } | undefined {
  // Longest unit first so `MOHM` is read as M+OHM rather than MO+HM-style accidents.
  for (const unit of units) {
    if (!suffix.endsWith(unit)) continue
    const scale = multiplierFor(suffix.slice(0, suffix.length - unit.length), unit)
    if (scale !== undefined) return { scale, unit }
  }
  return undefined
}

const KNOWN_SORTED = [...KNOWN_UNITS].sort((a, b) => b.length - a.length)

/**
 * Interprets an upper-cased suffix (`MV`, `KOHM`, `MA`) against the units a parameter takes (upper case,
 * sorted longest first).
 */
export function parseSuffix(suffix: string, units: readonly string[]): SuffixResult {
  const own = matchUnits(suffix, units)
  if (own) return { error: 0, scale: own.scale, unit: own.unit }
  return { error: matchUnits(suffix, KNOWN_SORTED) ? -138 : -131, scale: 1, unit: '' }
}

/** Upper-cases and orders a parameter's unit list for {@link parseSuffix}. */
export function normalizeUnits(units: string | readonly string[] | undefined): readonly string[] {
  if (units === undefined) return []
  const list = typeof units === 'string' ? [units] : [...units]
  return list.map((u) => u.toUpperCase()).sort((a, b) => b.length - a.length)
}
