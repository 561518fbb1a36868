import { PhysicsError } from './physics-error'
import type { Prng } from './prng'

/** Multimeter measurement function. */
export type DmmFunction = 'VOLT' | 'CURR' | 'RES'

/** Multimeter ranges per function (34461A): volts, amps, ohms. */
export const DMM_RANGES: Readonly<Record<DmmFunction, readonly number[]>> = Object.freeze({
  VOLT: Object.freeze([0.1, 1, 10, 100, 1000]),
  CURR: Object.freeze([0.01, 0.1, 1, 3]),
  RES: Object.freeze([100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8]),
})

/** The value a multimeter returns on overload (`+9.90000000E+37`). */
export const DMM_OVERLOAD = 9.9e37
/** Usable span of a range: the 34461A reads up to 120 % of the range; autorange keeps readings within it. */
export const DMM_OVERRANGE = 1.2
/** Multimeter noise: σ = 1.5 ppm of range / √NPLC (docs/physics.md#multimeter). */
export const DMM_NOISE_PPM_OF_RANGE = 1.5

/** Readback and display non-idealities of the supply, load and chamber (docs/physics.md#supply-and-load-readback). */
export const INSTRUMENT_NOISE = Object.freeze({
  supplyVoltageSigma: 0.5e-3,
  supplyCurrentSigma: 0.1e-3,
  supplySetpointResolution: 1e-3,
  loadVoltageSigma: 0.5e-3,
  loadCurrentSigma: 0.1e-3,
  chamberSigma: 0.02,
  chamberResolution: 0.01,
})

/** Options of one multimeter reading. */
export interface DmmReadingOptions {
  function: DmmFunction
  /** A range from `DMM_RANGES` (other values pick the smallest range that holds them) or `'AUTO'`. */
  range: number | 'AUTO'
  /** Integration time in power-line cycles (0.02 … 100). */
  nplc: number
}

/** One multimeter reading: the value (or `DMM_OVERLOAD`) and the range it was taken on. */
export interface DmmReading {
  value: number
  range: number
  overload: boolean
}

/** Which quantity a supply or load reads back. */
export type ReadbackQuantity = 'VOLT' | 'CURR'

/** Instrument non-idealities, all drawing from the one seeded PRNG; `enabled = false` → exact values. */
export interface InstrumentNoise {
  enabled: boolean
  /** A multimeter reading of the (already window-averaged) true `value`. */
  dmmReading(value: number, options: DmmReadingOptions): DmmReading
  /** Supply readback of a true voltage (σ 0.5 mV) or current (σ 0.1 mA). */
  supplyReadback(value: number, quantity: ReadbackQuantity): number
  /** Electronic-load readback of a true voltage (σ 0.5 mV) or current (σ 0.1 mA). */
  loadReadback(value: number, quantity: ReadbackQuantity): number
  /** Reported chamber air temperature: σ 0.02 °C, then 0.01 °C resolution. */
  chamberTemperature(value: number): number
  /** A zero-mean gaussian of standard deviation `sigma` (0 when noise is off). */
  gaussian(sigma: number): number
}

/** Round to a multiple of `step` (setpoint and display resolution). */
export function quantize(value: number, step: number): number {
  const perUnit = 1 / step
  // Dividing by an integral count (100 for 0.01) gives the nearest double, e.g. 85.01 not 85.01000000000001.
  return Number.isInteger(perUnit) ? Math.round(value * perUnit) / perUnit : Math.round(value / step) * step
}

/** The smallest range of `fn` that is ≥ `requested`; throws `PHYSICS_OUT_OF_RANGE` above the largest. */
export function selectDmmRange(fn: DmmFunction, requested: number): number {
  const ranges = DMM_RANGES[fn]
  const magnitude = Math.abs(requested)
  for (const range of ranges) if (range >= magnitude * (1 - 1e-12)) return range
  throw new PhysicsError(
    'PHYSICS_OUT_OF_RANGE',
    `no ${fn} range holds ${requested}; the largest is ${ranges[ranges.length - 1]}`,
  )
}

/** Autorange: the smallest range ≥ |value|·1.2, else the largest. */
export function autoRange(fn: DmmFunction, value: number): number {
  const ranges = DMM_RANGES[fn]
  const needed = Math.abs(value) * DMM_OVERRANGE
  for (const range of ranges) if (range >= needed) return range
  return ranges[ranges.length - 1] as number
}

/** Create the instrument non-idealities on `prng` (noise on unless `enabled: false`). */
export function createInstrumentNoise(prng: Prng, options: { enabled?: boolean } = {}): InstrumentNoise {
  const noise: InstrumentNoise = {
    enabled: options.enabled ?? true,
    gaussian: (sigma) => (noise.enabled && sigma > 0 ? sigma * prng.gaussian() : 0),
    dmmReading(value, { function: fn, range, nplc }) {
      if (!(nplc > 0)) throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `NPLC must be positive, got ${nplc}`)
      const used = range === 'AUTO' ? autoRange(fn, value) : selectDmmRange(fn, range)
      if (!Number.isFinite(value) || Math.abs(value) > used * DMM_OVERRANGE) {
        return { value: DMM_OVERLOAD, range: used, overload: true }
      }
      const sigma = (DMM_NOISE_PPM_OF_RANGE * 1e-6 * used) / Math.sqrt(nplc)
      return { value: value + noise.gaussian(sigma), range: used, overload: false }
    },
    supplyReadback: (value, quantity) =>
      value +
      noise.gaussian(quantity === 'VOLT' ? INSTRUMENT_NOISE.supplyVoltageSigma : INSTRUMENT_NOISE.supplyCurrentSigma),
    loadReadback: (value, quantity) =>
      value +
      noise.gaussian(quantity === 'VOLT' ? INSTRUMENT_NOISE.loadVoltageSigma : INSTRUMENT_NOISE.loadCurrentSigma),
    chamberTemperature: (value) =>
      quantize(value + noise.gaussian(INSTRUMENT_NOISE.chamberSigma), INSTRUMENT_NOISE.chamberResolution),
  }
  return noise
}
