import { useSyncExternalStore } from 'react'
import { type LiveRun, type LiveState, liveStore } from './ws-store'

function useLive<T>(select: (s: LiveState) => T): T {
  return useSyncExternalStore(liveStore.subscribe, () => select(liveStore.getSnapshot()))
}

/** The latest telemetry snapshot (null until the first one). */
export function useTelemetry() {
  return useLive((s) => s.telemetry)
}

/** The rolling history behind the live charts. */
export function useTelemetryHistory() {
  return useLive((s) => s.history)
}

/** Browser ↔ dashboard WebSocket state and dashboard ↔ simulator state. */
export function useConnection() {
  const connection = useLive((s) => s.connection)
  const simConnected = useLive((s) => s.simConnected)
  return { connection, simConnected }
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
