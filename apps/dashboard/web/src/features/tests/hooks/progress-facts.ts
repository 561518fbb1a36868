import type { RunState } from '@dvt/framework/run-state'

/** What the progress panel says about a run, read from its state. */
export interface ProgressFacts {
  /** The step running now, else the last one started; null before the first. */
  step: string | null
  /** `point k of n` from the latest progress report, or null before one with both. */
  points: string | null
  /** How far the points have got (0–1), or null. */
  fraction: number | null
}

/** Reads the progress facts off a run's state. */
export function progressFacts(state: RunState): ProgressFacts {
  const point = state.progress?.point ?? null
  const of = state.progress?.of ?? null
  const counted = point !== null && of !== null
  return {
    step: state.currentStep ?? state.steps.findLast((s) => s.status !== 'pending')?.name ?? null,
    points: counted ? `point ${point} of ${of}` : null,
    fraction: counted && of > 0 ? Math.min(1, point / of) : null,
  }
}
