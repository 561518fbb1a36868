import { combineUncertainties, mean } from '@dvt/analysis'
import type { Observation, TwinData } from './twin-observations'

/** The noise each observation should show by the runs' own evidence: the least the fit will take for its group. */
export interface NoiseBudget {
  /** Expected variance of each observation (y units²); null for the observations of a group without a budget. */
  variance: (number | null)[]
  /** Degrees of freedom of each group's budget. */
  dof: Map<string, number>
}

/** The scatter of a group's raw readings: pooled variance (or half the mean squared step) and its dof. */
function readingScatter(observations: readonly Observation[]): { variance: number; dof: number } | null {
  let sum = 0
  let dof = 0
  for (const { noise } of observations) {
    const readings = noise?.readings ?? []
    if (readings.length < 2) continue
    if (noise!.spread === 'steps') {
      for (let i = 1; i < readings.length; i++) sum += (readings[i]! - readings[i - 1]!) ** 2 / 2
    } else {
      const m = mean(readings)
      for (const r of readings) sum += (r - m) ** 2
    }
    dof += readings.length - 1
  }
  return dof > 0 ? { variance: sum / dof, dof } : null
}

/**
 * Each observation's expected noise (docs/twin.md#noise): the scatter of the readings averaged into it (pooled over
 * its group) over their count, plus what the scatter of the chamber's readings about their setpoints does to it.
 * Both come from the runs; the fit takes a group's noise from its residuals unless they show less than this.
 */
export function noiseBudget(data: TwinData): NoiseBudget {
  const errors = data.temperatureErrors
  const chamber = { variance: errors.length > 0 ? mean(errors.map((e) => e * e)) : 0, dof: errors.length }
  const variance: (number | null)[] = data.observations.map(() => null)
  const dof = new Map<string, number>()
  const groups = [...new Set(data.observations.map((o) => o.group))]
  for (const group of groups) {
    const members = data.observations.flatMap((o, i) => (o.group === group ? [{ o, i }] : []))
    if (members.some(({ o }) => o.noise === null)) continue
    const scatter = readingScatter(members.map(({ o }) => o))
    if (!scatter) continue
    let least = Number.POSITIVE_INFINITY
    for (const { o, i } of members) {
      const within = { u: Math.sqrt(scatter.variance / o.noise!.readings.length), dof: scatter.dof }
      const air = { u: o.noise!.perDegree * Math.sqrt(chamber.variance), dof: chamber.dof }
      const total = combineUncertainties(air.u > 0 ? [within, air] : [within])
      variance[i] = total.u ** 2
      least = Math.min(least, total.dof)
    }
    dof.set(group, least)
  }
  return { variance, dof }
}
