import { DEFAULT_LOT_NAME, type LotParams, MAX_LOT_SIZE } from '@dvt/physics'
import { ScpiExecutionError } from '@dvt/scpi'

const NAME = /^[\w.-]+$/

function fail(detail: string): never {
  throw new ScpiExecutionError(-224, `SIM:LOT:DEF ${detail}`)
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${what} must be a JSON object`)
  return value as Record<string, unknown>
}

/**
 * The lot `SIM:LOT:DEFine '<json>'` describes: `{"name","size","seed","spread","corners"}` with the keys and meaning
 * of the `dut.lot` configuration section (docs/physics.md#lots). The shape is checked here (−224 with what is wrong);
 * parameter names and ranges by the model, as for the configured lot.
 */
export function parseLotDefinition(text: string): LotParams {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    fail('takes one JSON object, e.g. \'{"name":"LOT7","size":32,"seed":7,"spread":{"tempco_ppm_per_c":10}}\'')
  }
  const lot = record(data, 'the lot')
  const unknown = Object.keys(lot).find((k) => !['name', 'size', 'seed', 'spread', 'corners'].includes(k))
  if (unknown !== undefined) fail(`has no key "${unknown}" (name, size, seed, spread, corners)`)
  const name = lot.name ?? DEFAULT_LOT_NAME
  if (typeof name !== 'string' || !NAME.test(name)) fail('name must be letters, digits, ".", "_" or "-"')
  const size = lot.size
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_LOT_SIZE) {
    fail(`size must be a whole number 0 … ${MAX_LOT_SIZE}`)
  }
  const seed = lot.seed ?? 1
  if (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    fail('seed must be a whole number 0 … 4294967295')
  }
  const spread = record(lot.spread, 'spread')
  for (const [key, sigma] of Object.entries(spread)) {
    if (typeof sigma !== 'number') fail(`spread.${key} must be a number`)
  }
  const corners = record(lot.corners, 'corners')
  for (const [corner, values] of Object.entries(corners)) {
    if (!/^\w+$/.test(corner)) fail(`corner "${corner}" must be a word`)
    for (const [key, value] of Object.entries(record(values, `corners.${corner}`))) {
      if (typeof value !== 'number' && typeof value !== 'string')
        fail(`corners.${corner}.${key} must be a number or a percentage`)
    }
  }
  return {
    name,
    size,
    seed,
    spread: spread as Record<string, number>,
    corners: corners as Record<string, Record<string, number | string>>,
  }
}
