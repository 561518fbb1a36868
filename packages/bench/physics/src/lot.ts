import { lotSerial } from '@dvt/protocol'
import { PhysicsError } from './physics-error'
import { createPrng } from './prng'

/** A corner's override of one parameter: an absolute value (`0.5`) or a change of the nominal (`'-2%'`). */
export type CornerValue = number | string

/**
 * A lot of parts (the `dut.lot` config section; docs/physics.md#lots). Parameter names are the DUT's
 * canonical ones (`tempco_ppm_per_c`).
 */
export interface LotParams {
  /** Serials are `<name>-<index, 3 digits>`. */
  name: string
  /** DUTs drawn from the distribution: indices 1 … size. */
  size: number
  seed: number
  /** σ of each spread parameter, in the parameter's own unit (V, ppm/°C, µA, …). */
  spread: Readonly<Record<string, number | undefined>>
  /** Named corner parts, indices size + 1 … in this order: the nominal with these overrides, no spread. */
  corners: Readonly<Record<string, Readonly<Record<string, CornerValue | undefined>>>>
}

/** Default lot name (no `dut.lot` configured). */
export const DEFAULT_LOT_NAME = 'LOT'
/** Deviates are truncated at ±3σ. */
export const LOT_TRUNCATION_SIGMA = 3
/** Most members a lot may have (sampled and corners together). */
export const MAX_LOT_SIZE = 100_000

const PERCENT = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%\s*$/

/** The parts of a lot: each member's parameters (its truth) and serial, drawn on demand. */
export interface Lot {
  readonly name: string
  readonly seed: number
  /** Members: the sampled DUTs, then one per corner. */
  readonly size: number
  /** Corner names in order; corner k (0-based) is member `size − corners.length + k + 1`. */
  readonly corners: readonly string[]
  /** `<name>-<index, 3 digits>`. */
  serial(index: number): string
  /** The parameters of member `index` (1-based): the same every time, whatever else was drawn before. */
  parameters(index: number): Record<string, number>
  /** The corner member `index` is, or undefined for a sampled one. */
  cornerOf(index: number): string | undefined
}

/** FNV-1a over a string: a 32-bit PRNG seed for one (lot seed, DUT index, parameter). */
function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/**
 * One standard normal deviate, truncated at ±3σ by rejection, from a PRNG of its own seeded by the lot seed,
 * the DUT index and the parameter: DUT 17's tempco does not depend on the lot's size, on which other
 * parameters are spread, or on the order the parts are drawn in.
 */
export function lotDeviate(seed: number, index: number, parameter: string): number {
  const prng = createPrng(hash32(`${seed}/${index}/${parameter}`))
  for (;;) {
    const z = prng.gaussian()
    if (z <= LOT_TRUNCATION_SIGMA && z >= -LOT_TRUNCATION_SIGMA) return z
  }
}

/** A corner value against its nominal: `'-2%'` → nominal·0.98; a number is the value itself. */
export function cornerValue(nominal: number, value: CornerValue, what: string): number {
  if (typeof value === 'number') return value
  const match = PERCENT.exec(value)
  if (match === null) {
    throw new PhysicsError(
      'PHYSICS_INVALID_ARGUMENT',
      `${what} must be a number or a percentage like -2%, got "${value}"`,
    )
  }
  return nominal * (1 + Number(match[1]) / 100)
}

function requireKnown(names: readonly string[], name: string, what: string): void {
  if (!names.includes(name)) {
    throw new PhysicsError(
      'PHYSICS_UNKNOWN_PARAMETER',
      `${what}: unknown parameter "${name}"; known: ${names.join(', ')}`,
    )
  }
}

/**
 * The lot over the `nominal` parameters. `check` validates one full parameter set (throws `PhysicsError`); it is
 * run on every corner and on the ±3σ extremes of each spread, so no member can be out of range.
 */
export function createLot(
  params: LotParams,
  nominal: Readonly<Record<string, number>>,
  check: (parameters: Record<string, number>) => void,
): Lot {
  const names = Object.keys(nominal)
  const corners = Object.keys(params.corners)
  const sampled = params.size
  const size = sampled + corners.length
  if (!Number.isInteger(sampled) || sampled < 0 || size < 1 || size > MAX_LOT_SIZE) {
    throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `a lot has 1 … ${MAX_LOT_SIZE} members, got ${size}`)
  }
  const spread = Object.entries(params.spread).filter((e): e is [string, number] => e[1] !== undefined)
  for (const [name, sigma] of spread) {
    requireKnown(names, name, 'dut.lot.spread')
    if (!(sigma >= 0) || !Number.isFinite(sigma)) {
      throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `dut.lot.spread.${name} must be a σ ≥ 0, got ${sigma}`)
    }
    for (const sign of [-1, 1]) {
      const extreme = { ...nominal, [name]: (nominal[name] ?? 0) + sign * LOT_TRUNCATION_SIGMA * sigma }
      checkWith(check, extreme, `dut.lot.spread.${name}: nominal ${sign < 0 ? '−' : '+'} 3σ`)
    }
  }
  const cornerParameters = corners.map((corner) => {
    const values = { ...nominal }
    for (const [name, value] of Object.entries(params.corners[corner] ?? {})) {
      if (value === undefined) continue
      requireKnown(names, name, `dut.lot.corners.${corner}`)
      values[name] = cornerValue(nominal[name] ?? 0, value, `dut.lot.corners.${corner}.${name}`)
    }
    checkWith(check, values, `dut.lot.corners.${corner}`)
    return Object.freeze(values)
  })
  const requireIndex = (index: number) => {
    if (!Number.isInteger(index) || index < 1 || index > size) {
      throw new PhysicsError('PHYSICS_OUT_OF_RANGE', `DUT ${index} is not in lot ${params.name} (1 … ${size})`)
    }
  }
  return {
    name: params.name,
    seed: params.seed,
    size,
    corners,
    serial(index) {
      requireIndex(index)
      return lotSerial(params.name, index)
    },
    parameters(index) {
      requireIndex(index)
      const corner = cornerParameters[index - sampled - 1]
      if (corner !== undefined) return { ...corner }
      const values = { ...nominal }
      for (const [name, sigma] of spread) {
        if (sigma > 0) values[name] = (nominal[name] ?? 0) + sigma * lotDeviate(params.seed, index, name)
      }
      return values
    },
    cornerOf(index) {
      requireIndex(index)
      return corners[index - sampled - 1]
    },
  }
}

function checkWith(check: (parameters: Record<string, number>) => void, values: Record<string, number>, what: string) {
  try {
    check(values)
  } catch (error) {
    if (error instanceof PhysicsError) throw new PhysicsError(error.code, `${what}: ${error.message}`, { cause: error })
    throw error
  }
}
