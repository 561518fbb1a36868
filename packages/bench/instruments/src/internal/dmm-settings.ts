/** The multimeter's measurement functions (`FRES` reads the same thermistor as `RES`, four-wire). */
export type DmmFunction = 'VOLT' | 'CURR' | 'RES' | 'FRES'

export const DMM_FUNCTIONS: readonly DmmFunction[] = ['VOLT', 'CURR', 'RES', 'FRES']

const OHM_RANGES = [100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]

/** Ranges per function, smallest first (docs/physics.md#multimeter). */
export const DMM_RANGES: Readonly<Record<DmmFunction, readonly number[]>> = {
  VOLT: [0.1, 1, 10, 100, 1000],
  CURR: [0.01, 0.1, 1, 3],
  RES: OHM_RANGES,
  FRES: OHM_RANGES,
}

/** Range chosen by `DEF` per function. */
export const DEFAULT_RANGE: Readonly<Record<DmmFunction, number>> = { VOLT: 10, CURR: 1, RES: 1e4, FRES: 1e4 }

/** Integration times the 34461A offers, in power-line cycles. */
export const NPLC_VALUES: readonly number[] = [0.02, 0.2, 1, 10, 100]
export const DEFAULT_NPLC = 10

// Resolution as a fraction of range for each NPLC (34461A datasheet, rounded):
// 10 NPLC on the 10 V range gives the documented 3 µV.
const RESOLUTION_PPM: readonly number[] = [100, 10, 3, 0.3, 0.1]

export type TriggerSource = 'IMM' | 'BUS' | 'EXT'

export interface FunctionSettings {
  range: number
  auto: boolean
  nplc: number
}

export interface DmmSettings {
  fn: DmmFunction
  functions: Record<DmmFunction, FunctionSettings>
  triggerSource: TriggerSource
  triggerCount: number
  sampleCount: number
}

/** Power-on / `*RST` settings: DC volts, autorange, 10 NPLC, one immediate reading. */
export function defaultDmmSettings(): DmmSettings {
  const functions = {} as Record<DmmFunction, FunctionSettings>
  for (const fn of DMM_FUNCTIONS) functions[fn] = { range: DEFAULT_RANGE[fn], auto: true, nplc: DEFAULT_NPLC }
  return { fn: 'VOLT', functions, triggerSource: 'IMM', triggerCount: 1, sampleCount: 1 }
}

/** Smallest range that holds `value`, or undefined when above the largest. */
export function rangeFor(fn: DmmFunction, value: number): number | undefined {
  const magnitude = Math.abs(value)
  return DMM_RANGES[fn].find((r) => r >= magnitude * (1 - 1e-12))
}

/** NPLC values between the documented ones round up to the next (as the 34461A does). */
export function nplcFor(value: number): number | undefined {
  return NPLC_VALUES.find((n) => n >= value * (1 - 1e-12))
}

/** Resolution (in the function's unit) of a reading at this range and NPLC. */
export function resolutionOf(range: number, nplc: number): number {
  const index = NPLC_VALUES.indexOf(nplc)
  return (RESOLUTION_PPM[index] ?? 0.3) * 1e-6 * range
}

/** The shortest integration whose resolution is at least as fine as `resolution` (finest if none is). */
export function nplcForResolution(range: number, resolution: number): number {
  for (let i = 0; i < NPLC_VALUES.length; i++) {
    const ppm = RESOLUTION_PPM[i] ?? 0
    if (ppm * 1e-6 * range <= resolution * (1 + 1e-9)) return NPLC_VALUES[i] ?? DEFAULT_NPLC
  }
  return NPLC_VALUES[NPLC_VALUES.length - 1] ?? DEFAULT_NPLC
}
