import type { RunData } from './run-data'
import { mean } from './statistics'

/** The parameters of the library tests that name chamber setpoints (docs/tests.md). */
const SETPOINT_PARAMETERS = ['points_c', 'temperature_c', 'cold_c', 'room_c', 'hot_c'] as const

/** Every chamber setpoint a run's parameters name. */
export function chamberSetpoints(run: RunData['run']): number[] {
  return SETPOINT_PARAMETERS.flatMap((key) => {
    const value = run.parameters[key]
    if (typeof value === 'number') return [value]
    return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []
  })
}

/** The setpoint nearest a chamber reading (null without setpoints). */
export function nearestSetpoint(temperature: number, setpoints: readonly number[]): number | null {
  if (setpoints.length === 0) return null
  return setpoints.reduce((best, s) => (Math.abs(s - temperature) < Math.abs(best - temperature) ? s : best))
}

/**
 * How far the chamber temperatures recorded with a run's readings stand from the setpoints the run asked for: one
 * value per distinct recorded temperature (the readings recorded with one chamber reading share it). After the
 * library's settling the air is on its setpoint to a few mK, so this is the error of the chamber reading itself.
 */
export function chamberReadingErrors({ run, measurements }: RunData): number[] {
  const setpoints = chamberSetpoints(run)
  if (setpoints.length === 0) return []
  const recorded = new Set(measurements.flatMap((r) => (r.temperature === null ? [] : [r.temperature])))
  return [...recorded].map((t) => t - nearestSetpoint(t, setpoints)!)
}

/** The standard deviation of a chamber reading from the errors above (RMS: an offset counts too), with its dof. */
export function chamberReadingNoise(errors: readonly number[]): { sd: number; dof: number } | null {
  return errors.length > 0 ? { sd: Math.sqrt(mean(errors.map((e) => e * e))), dof: errors.length } : null
}
