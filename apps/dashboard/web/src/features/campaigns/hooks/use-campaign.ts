import { useCallback, useEffect, useRef, useState } from 'react'
import { useCampaignNews } from '../../../lib/use-live'
import { type CampaignSummary, getCampaign } from '../api/campaigns'

/** While a campaign runs and no news arrives (a bench out of reach of the WebSocket), read it again this often. */
const pollMs = 3000

/**
 * A campaign's summary (GET /api/campaigns/:id), read again on each of its WebSocket messages and, while it runs,
 * every few seconds: the grid, the yield and the charts fill in as results arrive.
 */
export function useCampaign(id: string) {
  const news = useCampaignNews(id)
  const [state, setState] = useState<{ summary: CampaignSummary | null; error: string | null }>({
    summary: null,
    error: null,
  })
  const inFlight = useRef(false)
  const load = useCallback(async () => {
    if (inFlight.current) return
    inFlight.current = true
    try {
      const summary = await getCampaign(id)
      setState({ summary, error: null })
    } catch (e) {
      setState((s) => ({ ...s, error: (e as Error).message }))
    } finally {
      inFlight.current = false
    }
  }, [id])
  const newsKey = news ? `${news.event}:${news.status}:${news.progress.pointsDone}:${news.progress.dutsDone}` : ''
  // Read again on each piece of news of this campaign (the key changes with it).
  const [seen, setSeen] = useState<string | null>(null)
  useEffect(() => {
    if (seen === newsKey) return
    setSeen(newsKey)
    void load()
  }, [load, newsKey, seen])
  const running = state.summary?.campaign.status === 'running' || state.summary?.campaign.status === 'pending'
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => void load(), pollMs)
    return () => clearInterval(timer)
  }, [running, load])
  return { ...state, reload: load }
}
