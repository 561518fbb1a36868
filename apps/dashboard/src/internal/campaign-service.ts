import {
  type CampaignEvent,
  type CampaignSummary,
  loadCampaignSummary,
  type Plan,
  planSchema,
  runCampaign,
} from '@dvt/campaigns'
import type { DvtConfig } from '@dvt/config'
import { openRunSession, type TestRegistry } from '@dvt/framework'
import type { StorageBackend } from '@dvt/storage'
import { DashboardError } from '../errors'
import type { CampaignMessage } from '../schemas/messages'
import { BenchSlots, type BenchTarget } from './bench-target'

/** A campaign to start: the validated plan and where it came from. */
export interface CampaignStart {
  plan: Plan
  planText: string
  planPath: string | null
  operator?: string | null
  /** The bench of the fleet to run it on, by name; without it, the dashboard's own. */
  bench?: string
}

/**
 * Runs characterisation campaigns in the dashboard's process: one at a time on each bench — the dashboard's own, or
 * the bench of the fleet a request names. A resume goes to the bench of the campaign's station when the fleet has it.
 */
export interface CampaignService {
  /** Resolves with the campaign's ID once it is stored and running (it then runs in the background). */
  start(request: CampaignStart): Promise<{ id: string }>
  /** Resumes an aborted or interrupted campaign from its first point not done. */
  resume(id: string): Promise<{ id: string }>
  /** Aborts the campaign this dashboard runs; another is refused with a sentence. */
  abort(id: string): true
  active(): { id: string } | null
  summary(id: string): Promise<CampaignSummary>
  close(): Promise<void>
}

export interface CampaignServiceOptions {
  config: DvtConfig
  storage: StorageBackend
  registry: TestRegistry
  /** Every campaign's news (the WebSocket fan-out). */
  onNews(message: CampaignMessage): void
  onError(error: unknown): void
  /** A single test run of this dashboard holding a bench (by key), if any: a bench takes one thing at a time. */
  activeRun(bench: string): { id: string; test: string } | null
}

interface ActiveCampaign {
  id: string
  controller: AbortController
  done: Promise<unknown>
}

/** The news of a campaign as its events tell it: status and yield carried over from the events that have them. */
function newsTracker(onNews: (m: CampaignMessage) => void) {
  let news: CampaignMessage['campaign'] | null = null
  return (event: CampaignEvent) => {
    if (event.type === 'campaign-started' || event.type === 'campaign-finished') {
      const { id, name, station, status, yield: y } = event.campaign
      news = { id, name, station, status, yield: y, progress: event.progress }
    } else if (news) {
      news = { ...news, progress: event.progress, ...(event.type === 'dut-finished' ? { yield: event.yield } : {}) }
    }
    if (news) onNews({ type: 'campaign', event: event.type, campaign: news })
  }
}

export function createCampaignService(options: CampaignServiceOptions): CampaignService {
  const benches = new BenchSlots<ActiveCampaign>(options.config)

  const refuseWhenBusy = ({ key, label, slot }: BenchTarget<ActiveCampaign>) => {
    const run = options.activeRun(key)
    const which = slot.current
      ? `campaign ${slot.current.id.slice(0, 8)} is running`
      : slot.starting
        ? 'another campaign is starting'
        : run
          ? `run ${run.id.slice(0, 8)} (${run.test}) is running`
          : null
    if (which) {
      throw new DashboardError('DASHBOARD_BENCH_BUSY', `${label} is busy: ${which} — abort it or wait for it to finish`)
    }
  }

  /** Opens a session and runs the campaign; resolves with its ID once `campaign-started`, rejects before that. */
  const launch = (request: CampaignStart, resume: string | null, { config, slot }: BenchTarget<ActiveCampaign>) =>
    new Promise<ActiveCampaign>((resolveStart, rejectStart) => {
      const controller = new AbortController()
      const track = newsTracker(options.onNews)
      const active: ActiveCampaign = { id: '', controller, done: Promise.resolve() }
      const opening = openRunSession(config, { storage: options.storage, registry: options.registry })
      opening.catch(rejectStart)
      void opening.then((session) => {
        active.done = runCampaign({
          session,
          plan: request.plan,
          planText: request.planText,
          planPath: request.planPath,
          operator: request.operator ?? null,
          resume,
          signal: controller.signal,
          onEvent: (event) => {
            if (event.type === 'campaign-started') {
              active.id = event.campaignId
              slot.current = active
              resolveStart(active)
            }
            track(event)
          },
        })
          .catch((error: unknown) => {
            if (active.id) options.onError(error)
            else rejectStart(error)
          })
          .finally(async () => {
            rejectStart(new Error('the campaign ended before it started'))
            if (slot.current === active) slot.current = null
            await session.close()
          })
      })
    })

  const begin = async (request: CampaignStart, resume: string | null) => {
    const target = benches.target(request.bench)
    refuseWhenBusy(target)
    target.slot.starting = true
    try {
      const { id } = await launch(request, resume, target)
      return { id }
    } finally {
      target.slot.starting = false
    }
  }

  return {
    start: (request) => begin(request, null),
    async resume(idOrPrefix) {
      const id = await options.storage.resolveCampaignId(idOrPrefix)
      const record = (await options.storage.getCampaign(id))!
      // The plan it was started with (overrides applied), as stored: a resume must run the same plan.
      const plan = planSchema.parse(record.plan) as Plan
      // On the bench it ran on, when that is one of the fleet (its name is the campaign's station).
      const { planText, planPath, operator, station } = record
      return begin({ plan, planText, planPath, operator, ...(benches.inFleet(station) ? { bench: station } : {}) }, id)
    },
    abort(id) {
      const campaign = benches.byId(id)
      if (!campaign) {
        throw new DashboardError(
          'DASHBOARD_NOT_RUNNING',
          `campaign ${id.slice(0, 8)} is not running here, so there is nothing to abort`,
        )
      }
      campaign.controller.abort()
      return true
    },
    active: () => {
      const own = benches.current()
      return own ? { id: own.id } : null
    },
    summary: (id) => loadCampaignSummary(options.storage, id),
    async close() {
      const campaigns = benches.running()
      for (const campaign of campaigns) campaign.controller.abort()
      await Promise.all(campaigns.map((campaign) => campaign.done))
    },
  }
}
