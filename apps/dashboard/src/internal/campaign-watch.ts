import type { CampaignRecord, StorageBackend } from '@dvt/storage'
import type { CampaignMessage } from '../schemas/messages'

/** How often the stored progress of running campaigns is read. */
const defaultIntervalMs = 1000

export interface CampaignWatch {
  close(): void
}

const newsOf = (c: CampaignRecord): CampaignMessage['campaign'] => ({
  id: c.id,
  name: c.name,
  station: c.station,
  status: c.status,
  yield: c.yield,
  progress: c.progress,
})
const keyOf = (c: CampaignRecord): string => JSON.stringify(newsOf(c))

/**
 * Follows the stored progress of every running campaign — this dashboard's and those started by `dvt run-plan` in a
 * terminal, on this store — and calls `onNews` with `progress` when one moved on or ended.
 */
export function watchCampaigns(
  storage: StorageBackend,
  onNews: (message: CampaignMessage) => void,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): CampaignWatch {
  const seen = new Map<string, string>()
  let busy = false
  const poll = async () => {
    if (busy) return
    busy = true
    try {
      const { campaigns } = await storage.listCampaigns({ status: 'running', limit: 50 })
      const running = new Set(campaigns.map((c) => c.id))
      // A campaign that left `running` since the last look has ended: its final state is news too.
      const ended = await Promise.all(
        [...seen.keys()].filter((id) => !running.has(id)).map((id) => storage.getCampaign(id)),
      )
      for (const c of [...campaigns, ...ended]) {
        if (!c) continue
        const key = keyOf(c)
        if (seen.get(c.id) !== key) onNews({ type: 'campaign', event: 'progress', campaign: newsOf(c) })
        if (running.has(c.id)) seen.set(c.id, key)
        else seen.delete(c.id)
      }
    } catch (error) {
      options.onError?.(error)
    } finally {
      busy = false
    }
  }
  const timer = setInterval(() => void poll(), options.intervalMs ?? defaultIntervalMs)
  timer.unref()
  void poll()
  return { close: () => clearInterval(timer) }
}
