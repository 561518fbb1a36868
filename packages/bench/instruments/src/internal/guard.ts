import { PhysicsError } from '@dvt/physics'
import { ScpiExecutionError } from '@dvt/scpi'

/**
 * Runs a model setter and turns its `PhysicsError` into the SCPI error the client should see
 * (out of range → −222, an unknown DUT parameter → −224). The model is unchanged when it throws.
 */
export function guard<T>(apply: () => T): T {
  try {
    return apply()
  } catch (error) {
    if (error instanceof PhysicsError) {
      const code = error.code === 'PHYSICS_UNKNOWN_PARAMETER' ? -224 : -222
      throw new ScpiExecutionError(code, error.message)
    }
    throw error
  }
}

/** −222 unless `min ≤ value ≤ max`. */
export function requireRange(what: string, value: number, min: number, max: number): number {
  if (!(value >= min && value <= max)) {
    throw new ScpiExecutionError(-222, `${what} ${value} outside ${min} … ${max}`)
  }
  return value
}
