import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { DVT_VERSION } from '@dvt/config'
import { benchStation, type RunSession, type RunState } from '@dvt/framework'
import { lotSerial } from '@dvt/protocol'
import type { CampaignPoint, CampaignRecord, CampaignStatus, StorageBackend } from '@dvt/storage'
import { CampaignError } from './campaign-error'
import type { CampaignEvent, LoadBoard } from './campaign-events'
import { type CampaignSummary, loadCampaignSummary } from './campaign-summary'
import { deriveDutResults } from './derive'
import { type CampaignBench, prepareBench } from './internal/campaign-bench'
import { CampaignState, isFinished } from './internal/campaign-state'
import { campaignResults, nextAttempt, pointStatus, runParameters } from './internal/point-run'
import { expandPlan, lotMembers, type PlannedBoard, planBoards } from './plan-points'
import type { Plan } from './plan-schema'

export interface RunCampaignOptions {
  /** The bench, its clock, runner and storage (`openRunSession`); campaigns need storage. */
  session: RunSession
  /** The validated plan (`loadPlan`), with its `--set` overrides applied. */
  plan: Plan
  /** The plan's YAML as given, stored with the campaign. */
  planText: string
  /** The plan file, or null for a pasted plan. */
  planPath?: string | null
  operator?: string | null
  /** Continue this campaign (ID or unique prefix) from its first point not done, instead of starting one. */
  resume?: string | null
  /** Aborting ends the campaign `aborted` (the run in progress is aborted, the bench left safe): resumable. */
  signal?: AbortSignal
  /** Every campaign event, in order, after what it reports is stored. */
  onEvent?: (event: CampaignEvent) => void
  /** Real hardware: asks someone to put a board's DUTs into the sockets (the CLI prompts on a terminal). */
  onLoadBoard?: LoadBoard
}

export interface CampaignOutcome {
  campaign: CampaignRecord
  summary: CampaignSummary
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

function requireStorage(session: RunSession): StorageBackend {
  if (session.storage) return session.storage
  throw new CampaignError('CAMPAIGN_BENCH', 'a campaign needs storage (its state is what lets it resume)')
}

/**
 * Takes the plan's lot through every step at every temperature (docs/campaigns.md): the temperature outermost — one
 * ramp and soak per temperature for every board and step —, then each board (swapped by the simulator's handler, or
 * by the operator), each step and each sweep point, every point one run of the library test over the board's
 * sockets. Each point is stored with its results in one transaction as it ends, so a campaign killed at any moment
 * resumes (`resume`) at its first point not done. After a DUT's last point its cross-temperature parameters are
 * derived and its verdict given. Resolves with the stored campaign and its summary; throws (before any campaign is
 * stored or changed) when the bench cannot run the plan or the campaign cannot be resumed.
 */
export async function runCampaign(options: RunCampaignOptions): Promise<CampaignOutcome> {
  const { session, plan } = options
  const storage = requireStorage(session)
  const signal = options.signal ?? new AbortController().signal
  await storage.recoverInterruptedCampaigns()
  const resumed = options.resume ? await checkResumable(storage, options.resume, plan) : null
  const bench = await prepareBench(session, plan, signal, options.onLoadBoard)
  const id = resumed?.id ?? randomUUID()
  const benchKey = session.instruments.benchKey
  const holder = await storage.acquireBench(benchKey, id)
  if (holder) {
    throw new CampaignError(
      'CAMPAIGN_BENCH',
      `the bench is busy: ${holder.runId.slice(0, 8)} started by pid ${holder.pid} on ${holder.hostname} at ${holder.since} holds it — wait for it to finish or abort it`,
    )
  }
  try {
    const record = resumed ? await adopt(storage, resumed) : await create(storage, options, id)
    const campaign = new CampaignRun(options, storage, bench, record, signal)
    await campaign.load()
    return await campaign.run(resumed !== null)
  } finally {
    await storage.releaseBench(benchKey, id)
  }
}

async function checkResumable(storage: StorageBackend, idOrPrefix: string, plan: Plan): Promise<CampaignRecord> {
  const id = await storage.resolveCampaignId(idOrPrefix)
  const record = (await storage.getCampaign(id))!
  const short = id.slice(0, 8)
  if (record.status === 'passed' || record.status === 'failed') {
    throw new CampaignError(
      'CAMPAIGN_NOT_RESUMABLE',
      `campaign ${short} is finished (${record.status}) — nothing to resume`,
    )
  }
  if (record.status === 'running' || record.status === 'pending') {
    throw new CampaignError(
      'CAMPAIGN_NOT_RESUMABLE',
      `campaign ${short} is running (pid ${record.pid} on ${record.hostname}) — abort it first (Ctrl-C there)`,
    )
  }
  if (JSON.stringify(record.plan) !== JSON.stringify(plan)) {
    throw new CampaignError(
      'CAMPAIGN_NOT_RESUMABLE',
      `the plan differs from the one campaign ${short} was started with — resume it with the same plan file and --set values`,
    )
  }
  return record
}

async function adopt(storage: StorageBackend, record: CampaignRecord): Promise<CampaignRecord> {
  return storage.updateCampaign(record.id, {
    status: 'running',
    statusReason: null,
    completedAt: null,
    pid: process.pid,
    hostname: hostname(),
  })
}

async function create(storage: StorageBackend, options: RunCampaignOptions, id: string): Promise<CampaignRecord> {
  const { plan, session } = options
  await storage.createCampaign({
    id,
    name: plan.name,
    startedAt: new Date().toISOString(),
    station: await benchStation(session.instruments, session.config.station.name),
    operator: options.operator ?? null,
    planPath: options.planPath ?? null,
    planText: options.planText,
    plan,
    lotName: plan.lot.name,
    lotSize: lotMembers(plan),
    sockets: plan.sockets,
    temperaturesC: [...plan.temperatures_c],
    minYield: plan.acceptance?.min_yield ?? null,
    softwareVersion: DVT_VERSION,
  })
  const duts = planBoards(plan).flatMap((board) =>
    board.lotIndices.map((lotIndex, k) => ({
      lotIndex,
      serial: lotSerial(plan.lot.name, lotIndex + 1),
      board: board.board,
      socket: k + 1,
      truth: null,
    })),
  )
  await storage.addCampaignDuts(id, duts)
  await storage.addCampaignPoints(
    id,
    expandPlan(plan).map(({ swept: _swept, ...point }) => point),
  )
  return storage.updateCampaign(id, { status: 'running' })
}

/** The campaign while it runs: its state in memory, kept in step with storage, and its events. */
class CampaignRun {
  readonly #o: RunCampaignOptions
  readonly #storage: StorageBackend
  readonly #bench: CampaignBench
  readonly #signal: AbortSignal
  readonly #boards: PlannedBoard[]
  #record: CampaignRecord
  #state!: CampaignState
  /** Bench-clock time at the start of this session, and what earlier sessions covered. */
  #clockStart = 0
  #coveredBefore = 0

  constructor(
    options: RunCampaignOptions,
    storage: StorageBackend,
    bench: CampaignBench,
    record: CampaignRecord,
    signal: AbortSignal,
  ) {
    this.#o = options
    this.#storage = storage
    this.#bench = bench
    this.#record = record
    this.#signal = signal
    this.#boards = planBoards(options.plan)
  }

  get #id(): string {
    return this.#record.id
  }

  async load(): Promise<void> {
    const [points, duts, results] = await Promise.all([
      this.#storage.getCampaignPoints(this.#id),
      this.#storage.getCampaignDuts(this.#id),
      this.#storage.getCampaignResults(this.#id),
    ])
    this.#state = new CampaignState(points, duts, results, this.#boards)
    this.#clockStart = await this.#o.session.clock.sync()
    this.#coveredBefore = this.#record.simulatedSeconds
  }

  async run(resumed: boolean): Promise<CampaignOutcome> {
    this.#emit({ type: 'campaign-started', campaign: this.#record, resumed })
    let end: { status: CampaignStatus; reason: string | null }
    try {
      // A resume after the last point of a board but before its verdict finishes that board first.
      for (const board of this.#boards) await this.#finishBoardIfDone(board.board)
      const stopped = await this.#measure()
      end = stopped ?? this.#verdict()
    } catch (error) {
      end = this.#signal.aborted
        ? {
            status: 'aborted',
            reason: `${abortReason(this.#signal)} — "dvt run-plan --resume ${this.#id.slice(0, 8)}" continues it`,
          }
        : {
            status: 'error',
            reason: `${message(error)} — "dvt run-plan --resume ${this.#id.slice(0, 8)}" continues it`,
          }
    }
    this.#state.current = null
    this.#record = await this.#storage.updateCampaign(this.#id, {
      ...(await this.#progressPatch()),
      status: end.status,
      statusReason: end.reason,
      completedAt: new Date().toISOString(),
    })
    this.#emit({ type: 'campaign-finished', campaign: this.#record })
    return { campaign: this.#record, summary: await loadCampaignSummary(this.#storage, this.#id) }
  }

  /** Every point not finished, temperature by temperature. Returns why the campaign stopped early, if it did. */
  async #measure(): Promise<{ status: CampaignStatus; reason: string } | null> {
    const { plan } = this.#o
    for (const [temperatureIndex, temperatureC] of plan.temperatures_c.entries()) {
      const todo = this.#state.points.filter((p) => p.temperatureIndex === temperatureIndex && !isFinished(p))
      if (todo.length === 0) continue
      this.#emit({
        type: 'temperature-started',
        temperatureIndex,
        temperatureC,
        temperatures: plan.temperatures_c.length,
      })
      await this.#bench.soak(temperatureC)
      for (const board of this.#boards) {
        const points = todo.filter((p) => p.board === board.board)
        if (points.length === 0) continue
        await this.#loadBoard(board)
        for (const point of points) {
          const stop = await this.#runPoint(point)
          if (stop) return { status: 'failed', reason: stop }
        }
        await this.#finishBoardIfDone(board.board)
      }
    }
    return null
  }

  async #loadBoard(board: PlannedBoard): Promise<void> {
    const duts = this.#state.dutsOf(board.board)
    await this.#bench.load(
      board,
      duts.map((d) => d.serial),
    )
    if (duts.some((d) => d.truth === null)) {
      const truths = await this.#bench.truths(duts.length)
      if (truths) {
        duts.forEach((d, k) => {
          d.truth = truths[k] ?? null
        })
        await this.#storage.addCampaignDuts(this.#id, duts)
      }
    }
    this.#emit({
      type: 'board-loaded',
      board: board.board,
      boards: this.#boards.length,
      serials: duts.map((d) => d.serial),
    })
  }

  /** One point, tried up to its step's `retry.attempts`; returns why the campaign must stop (`on_fail: stop`). */
  async #runPoint(point: CampaignPoint): Promise<string | null> {
    const { plan, session } = this.#o
    const step = plan.steps[point.stepIndex]!
    const sockets = this.#state.dutsOf(point.board).length
    for (;;) {
      const { runId, attempt } = nextAttempt(point)
      await this.#storage.startCampaignPoint(this.#id, point, runId)
      Object.assign(point, { status: 'running', runId, attempts: attempt })
      this.#state.current = { ...keyOf(point), temperatureC: point.temperatureC, test: point.test }
      this.#emit({ type: 'point-started', point: { ...point }, runId, attempt })
      let run: RunState | null = null
      let reason: string | null = null
      try {
        run = await session.runner.run(point.test, runParameters(session, plan, point, sockets), {
          runId,
          campaignId: this.#id,
          benchHeld: true,
          signal: this.#signal,
          operator: this.#o.operator ?? null,
          description: `campaign ${this.#id.slice(0, 8)}: ${point.temperatureC} °C, board ${point.board + 1}, ${point.test}`,
        })
      } catch (error) {
        reason = message(error)
      }
      if (this.#signal.aborted || run?.status === 'aborted') throw new Error(abortReason(this.#signal))
      const results = run ? campaignResults(plan, this.#state, point, run, this.#id) : []
      const status = pointStatus(run, results)
      reason ??= run?.status === 'error' ? run.statusReason : null
      const again = status === 'error' || (status === 'failed' && step.retry.on === 'fail')
      if (again && attempt < step.retry.attempts) continue
      await this.#storage.finishCampaignPoint(this.#id, point, status, results)
      point.status = status
      this.#state.setPointResults(point, results)
      this.#state.current = null
      await this.#saveProgress()
      this.#emit({ type: 'point-finished', point: { ...point }, results, reason })
      if (status === 'done' || step.on_fail === 'continue') return null
      const what = status === 'error' ? `ended in error (${reason ?? 'see its run'})` : 'failed'
      return `${point.test} at ${point.temperatureC} °C on board ${point.board + 1} ${what}, and its step says on_fail: stop`
    }
  }

  /** After a board's last point: each DUT's derived parameters, then its verdict. */
  async #finishBoardIfDone(board: number): Promise<void> {
    if (!this.#state.boardFinished(board)) return
    const erred = this.#state.points.some((p) => p.board === board && p.status === 'error')
    for (const dut of this.#state.dutsOf(board)) {
      if (dut.verdict !== null) continue
      const measured = this.#state.measuredOf(dut.serial)
      const derived = deriveDutResults(this.#o.plan, measured).map((r) => ({ ...r, campaignId: this.#id }))
      await this.#storage.addCampaignResults(this.#id, derived)
      this.#state.setDerived(dut.serial, derived)
      const verdict = !erred && [...measured, ...derived].every((r) => r.passed !== false) ? 'pass' : 'fail'
      await this.#storage.setCampaignDutVerdict(this.#id, dut.serial, verdict)
      this.#state.setVerdict(dut.serial, verdict)
      await this.#saveProgress()
      this.#emit({ type: 'dut-finished', dut: { ...dut }, derived, yield: this.#state.yield() })
    }
  }

  /** Passed when the lot meets the acceptance (every DUT passing, without one). */
  #verdict(): { status: CampaignStatus; reason: string | null } {
    const y = this.#state.yield() ?? 0
    const min = this.#o.plan.acceptance?.min_yield ?? 1
    if (y >= min) return { status: 'passed', reason: null }
    const pct = (v: number) => `${(v * 100).toFixed(1)} %`
    return { status: 'failed', reason: `the yield ${pct(y)} is below the acceptance ${pct(min)}` }
  }

  async #progressPatch() {
    const now = await this.#o.session.clock.sync().catch(() => this.#o.session.clock.now())
    return {
      progress: this.#state.progress(),
      yield: this.#state.yield(),
      simulatedSeconds: this.#coveredBefore + Math.max(0, now - this.#clockStart),
    }
  }

  async #saveProgress(): Promise<void> {
    this.#record = await this.#storage.updateCampaign(this.#id, await this.#progressPatch())
  }

  #emit(event: DistributiveOmit<CampaignEvent, 'campaignId' | 'time' | 'progress'>): void {
    this.#o.onEvent?.({
      ...event,
      campaignId: this.#id,
      time: new Date().toISOString(),
      progress: this.#state?.progress() ?? this.#record.progress,
    } as CampaignEvent)
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

function keyOf(p: CampaignPoint) {
  return { temperatureIndex: p.temperatureIndex, board: p.board, stepIndex: p.stepIndex, sweepIndex: p.sweepIndex }
}

function abortReason(signal: AbortSignal): string {
  const reason = signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted')
  return reason === '' ? 'aborted' : reason
}
