import { useSyncExternalStore } from 'react'
import type { BenchInfo, StationRun } from '../../../src/schemas/messages'
import { type BenchLive, idleBench, type LiveRun, type LiveState, liveStore } from './ws-store'

function useLive<T>(select: (s: LiveState) => T): T {
  return useSyncExternalStore(liveStore.subscribe, () => select(liveStore.getSnapshot()))
}

/** The benches the dashboard follows, in its order (empty until the WebSocket's greeting). */
export function useBenches(): BenchInfo[] {
  return useLive((s) => s.benches)
}

/** One bench's live state (connection, latest snapshot, chart history); null: the first bench. */
export function useBenchLive(bench: string | null): BenchLive {
  return useLive((s) => s.live[bench ?? s.benches[0]?.name ?? ''] ?? idleBench)
}

/** Browser ↔ dashboard WebSocket state, and how many of the benches the dashboard reaches. */
export function useConnection() {
  const connection = useLive((s) => s.connection)
  const total = useLive((s) => s.benches.length)
  const connected = useLive((s) => s.benches.filter((b) => s.live[b.name]?.simConnected).length)
  return { connection, total, connected }
}

/** Each station's latest run (from every process's run events), by station name. */
export function useStationRuns(): Readonly<Record<string, StationRun>> {
  return useLive((s) => s.stationRuns)
}

/** The latest news of every campaign seen, by campaign ID. */
export function useCampaigns(): LiveState['campaigns'] {
  return useLive((s) => s.campaigns)
}

/** The run `runId` as its events arrive (null until it is seen); with `runId` null, the latest run seen. */
export function useRunState(runId: string | null): LiveRun | null {
  return useLive((s) => (s.run && (runId === null || s.run.state.id === runId) ? s.run : null))
}

/** The latest news of campaign `id` on the WebSocket (progress, status, yield), or null before any. */
export function useCampaignNews(id: string) {
  return useLive((s) => s.campaigns[id] ?? null)
}

/** A number that changes whenever any campaign's news arrives (a list of campaigns reads itself again). */
export function useCampaignsVersion(): string {
  return useLive((s) =>
    Object.values(s.campaigns)
      .map((c) => `${c.id}:${c.status}:${c.progress.pointsDone}`)
      .join(','),
  )
}
