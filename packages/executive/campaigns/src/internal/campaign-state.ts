import type {
  CampaignDut,
  CampaignPoint,
  CampaignPointKey,
  CampaignProgress,
  CampaignResult,
  DutVerdict,
} from '@dvt/storage/records'
import type { PlannedBoard } from '../plan-points'

const FINISHED = new Set(['done', 'failed', 'error'])

/** Whether a point needs no more measuring: `running` (a dead process's) and `pending` ones are measured (again). */
export function isFinished(point: Pick<CampaignPoint, 'status'>): boolean {
  return FINISHED.has(point.status)
}

export const sameKey = (a: CampaignPointKey, b: CampaignPointKey) =>
  a.temperatureIndex === b.temperatureIndex &&
  a.board === b.board &&
  a.stepIndex === b.stepIndex &&
  a.sweepIndex === b.sweepIndex

/**
 * What the runner knows of its campaign in memory, kept in step with storage: the points, the lot and every result,
 * and the progress and yield they add up to.
 */
export class CampaignState {
  readonly points: CampaignPoint[]
  readonly duts: CampaignDut[]
  readonly boards: readonly PlannedBoard[]
  current: CampaignProgress['current'] = null
  /** Measured results by point ordinal, and the derived ones (no point). */
  readonly #measured = new Map<number, CampaignResult[]>()
  #derived: CampaignResult[] = []

  /** From storage: a stored result belongs to the point whose (latest) run made it, or is derived. */
  constructor(
    points: CampaignPoint[],
    duts: CampaignDut[],
    results: CampaignResult[],
    boards: readonly PlannedBoard[],
  ) {
    this.points = points
    this.duts = duts
    this.boards = boards
    const byRun = new Map(points.filter((p) => p.runId !== null).map((p) => [p.runId, p.ordinal]))
    for (const r of results) {
      const ordinal = r.runId === null ? undefined : byRun.get(r.runId)
      if (ordinal === undefined) this.#derived.push(r)
      else this.#measured.set(ordinal, [...(this.#measured.get(ordinal) ?? []), r])
    }
  }

  /** Every result: measured ones in point order, then derived ones. */
  results(): CampaignResult[] {
    const ordinals = [...this.#measured.keys()].sort((a, b) => a - b)
    return [...ordinals.flatMap((o) => this.#measured.get(o)!), ...this.#derived]
  }

  /** The measured results of one DUT. */
  measuredOf(serial: string): CampaignResult[] {
    return [...this.#measured.values()].flat().filter((r) => r.serial === serial)
  }

  /** Replaces a point's results (a retry, a resume) by `results`. */
  setPointResults(point: CampaignPoint, results: readonly CampaignResult[]): void {
    this.#measured.set(point.ordinal, [...results])
  }

  /** Replaces a DUT's derived results. */
  setDerived(serial: string, results: readonly CampaignResult[]): void {
    this.#derived = [...this.#derived.filter((r) => r.serial !== serial), ...results]
  }

  dutsOf(board: number): CampaignDut[] {
    return this.duts.filter((d) => d.board === board).sort((a, b) => a.socket - b.socket)
  }

  /** The DUT in a socket of a board. */
  dutAt(board: number, socket: number): CampaignDut | undefined {
    return this.duts.find((d) => d.board === board && d.socket === socket)
  }

  point(key: CampaignPointKey): CampaignPoint {
    const found = this.points.find((p) => sameKey(p, key))
    if (!found) throw new Error(`no point ${JSON.stringify(key)}`)
    return found
  }

  /** Whether every point of a board, at every temperature, is finished. */
  boardFinished(board: number): boolean {
    return this.points.every((p) => p.board !== board || isFinished(p))
  }

  setVerdict(serial: string, verdict: DutVerdict): void {
    const dut = this.duts.find((d) => d.serial === serial)
    if (dut) dut.verdict = verdict
  }

  /** Fraction of the DUTs with a verdict that pass; null before the first. */
  yield(): number | null {
    const judged = this.duts.filter((d) => d.verdict !== null)
    if (judged.length === 0) return null
    return judged.filter((d) => d.verdict === 'pass').length / judged.length
  }

  progress(): CampaignProgress {
    return {
      pointsDone: this.points.filter(isFinished).length,
      pointsTotal: this.points.length,
      dutsDone: this.duts.filter((d) => d.verdict !== null).length,
      current: this.current,
    }
  }
}
