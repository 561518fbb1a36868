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

/** A campaign to start: the validated plan and where it came from. */
export interface CampaignStart {
  plan: Plan
  planText: string
  planPath: string | null
  operator?: string | null
}

/** Runs characterisation campaigns in the dashboard's process, one at a time, on the dashboard's bench. */
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
  /** A single test run of this dashboard holding the bench, if any (the bench takes one thing at a time). */
  activeRun(): { id: string; test: string } | null
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
  let current: ActiveCampaign | null = null
  let starting = false

  const refuseWhenBusy = () => {
    const run = options.activeRun()
    const which = current
      ? `campaign ${current.id.slice(0, 8)} is running`
      : starting
        ? 'another campaign is starting'
        : run
          ? `run ${run.id.slice(0, 8)} (${run.test}) is running`
          : null
    if (which) {
      throw new DashboardError(
        'DASHBOARD_BENCH_BUSY',
        `the bench is busy: ${which} — abort it or wait for it to finish`,
      )
    }
  }

  /** Opens a session and runs the campaign; resolves with its ID once `campaign-started`, rejects before that. */
  const launch = (request: CampaignStart, resume: string | null) =>
    new Promise<ActiveCampaign>((resolveStart, rejectStart) => {
      const controller = new AbortController()
      const track = newsTracker(options.onNews)
      const active: ActiveCampaign = { id: '', controller, done: Promise.resolve() }
      const opening = openRunSession(options.config, { storage: options.storage, registry: options.registry })
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
              current = active
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
            if (current === active) current = null
            await session.close()
          })
      })
    })

  const begin = async (request: CampaignStart, resume: string | null) => {
    refuseWhenBusy()
    starting = true
    try {
      const { id } = await launch(request, resume)
      return { id }
    } finally {
      starting = false
    }
  }

  return {
    start: (request) => begin(request, null),
    async resume(idOrPrefix) {
      const id = await options.storage.resolveCampaignId(idOrPrefix)
      const record = (await options.storage.getCampaign(id))!
      // The plan it was started with (overrides applied), as stored: a resume must run the same plan.
      const plan = planSchema.parse(record.plan) as Plan
      return begin({ plan, planText: record.planText, planPath: record.planPath, operator: record.operator }, id)
    },
    abort(id) {
      if (!current || current.id !== id) {
        throw new DashboardError(
          'DASHBOARD_NOT_RUNNING',
          `campaign ${id.slice(0, 8)} is not running here, so there is nothing to abort`,
        )
      }
      current.controller.abort()
      return true
    },
    active: () => (current ? { id: current.id } : null),
    summary: (id) => loadCampaignSummary(options.storage, id),
    async close() {
      const campaign = current
      if (!campaign) return
      campaign.controller.abort()
      await campaign.done
    },
  }
}
