import { useEffect, useState } from 'react'
import { useCampaignsVersion } from '../../../lib/use-live'
import { type CampaignRecord, listCampaigns } from '../api/campaigns'

/** The stored campaigns, newest first, read again whenever a campaign's news arrives on the WebSocket. */
export function useCampaigns() {
  const version = useCampaignsVersion()
  const [reload, setReload] = useState(0)
  const [state, setState] = useState<{ campaigns: CampaignRecord[]; total: number; error: string | null }>({
    campaigns: [],
    total: 0,
    error: null,
  })
  useEffect(() => {
    let current = true
    listCampaigns({ limit: 100 }).then(
      (page) => current && setState({ ...page, error: null }),
      (e: Error) => current && setState((s) => ({ ...s, error: e.message })),
    )
    return () => {
      current = false
    }
  }, [version, reload])
  return { ...state, refresh: () => setReload((n) => n + 1) }
}
