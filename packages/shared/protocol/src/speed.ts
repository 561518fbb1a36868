/**
 * Simulation speed: simulated seconds per wall second (k × real time), or `max` (lockstep: simulated time moves
 * only when a client waits for it). docs/physics.md#time-and-determinism
 */
export type SimSpeed = number | 'max'

/** The speeds a bench accepts (`SIM:SPEED`, `simulation.speed`, `--speed`, the dashboard). */
export const SPEED_LIMITS = Object.freeze({ min: 1e-3, max: 1e6 })

/** The one validity rule of a speed. */
export function isSimSpeed(value: unknown): value is SimSpeed {
  return (
    value === 'max' ||
    (typeof value === 'number' && Number.isFinite(value) && value >= SPEED_LIMITS.min && value <= SPEED_LIMITS.max)
  )
}

/** Why a value is not a speed, as the end of a sentence ("… must be …"), or null when it is one. */
export function speedProblem(value: unknown): string | null {
  if (isSimSpeed(value)) return null
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    return `must be from ${SPEED_LIMITS.min} to ${SPEED_LIMITS.max} (× real time) or "max"`
  }
  return 'must be a positive number or "max"'
}

/**
 * Reads a speed as a person types it (`60`, `0.5`, `max`, `MAX`). Returns the value, or the text unchanged when it
 * is not a number or `max`, for the caller's validation to report.
 */
export function parseSpeed(text: string): SimSpeed | string {
  const trimmed = text.trim()
  if (trimmed.toLowerCase() === 'max') return 'max'
  const n = Number(trimmed)
  return trimmed !== '' && Number.isFinite(n) ? n : text
}

/** `60× real time`, `max (lockstep: time moves only when a client waits)`. */
export function describeSpeed(speed: SimSpeed): string {
  return speed === 'max' ? 'max (lockstep: time moves only when a client waits)' : `${speed}× real time`
}
