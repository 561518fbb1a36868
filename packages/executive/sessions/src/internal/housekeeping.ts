import { formatNumber } from '@dvt/drivers'
import type { Unit } from './scpi-units'

const NO_ERROR = '+0,"No error"'
const NOT_RECORDED = '-113,"Undefined header;not in the recording"'

/** What the replay itself keeps: its speed setting and, for a session without one, the test clock's time. */
export interface ReplayBenchState {
  /** `SIM:SPE?`: the last `SIM:SPE` set on the replay, `MAX` until then. */
  speed: string
  /** `SIM:TIME?` where the replay keeps the clock: simulated seconds. */
  time(): number
}

/**
 * True when every unit of a line is one the replay answers itself: the probe, the error check, `*OPC?`, the speed,
 * and the test clock's time when the recording has none of its own (`SIM:WAIT` lines are handled before this).
 */
export function isHousekeeping(units: readonly Unit[], clockRecorded: boolean): boolean {
  return units.every((u) => u.kind !== 'other' && u.kind !== 'wait' && (u.kind !== 'time' || !clockRecorded))
}

/**
 * The answer the replay gives a line of housekeeping units, as an instrument would (answers joined by `;`, null for
 * none). `notRecorded`: the line had units the recording has nothing like, so its error check reports -113.
 */
export function housekeepingAnswer(
  units: readonly Unit[],
  identity: string,
  bench: ReplayBenchState,
  notRecorded = false,
): string | null {
  const answers: string[] = []
  for (const unit of units) {
    if (unit.kind === 'identify') answers.push(identity)
    else if (unit.kind === 'error-query') answers.push(notRecorded ? NOT_RECORDED : NO_ERROR)
    else if (unit.kind === 'opc') answers.push('1')
    else if (unit.kind === 'get-speed') answers.push(bench.speed)
    else if (unit.kind === 'set-speed') bench.speed = unit.value.toUpperCase()
    else if (unit.kind === 'time') answers.push(formatNumber(bench.time()))
  }
  return answers.length > 0 ? answers.join(';') : null
}
