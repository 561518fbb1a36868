import { useMemo, useState } from 'react'
import { useRunEvents } from '../../../lib/use-live'
import { abortRun, type StartRunBody, startRun } from '../api/tests'
import { summarizeRun } from './run-progress'

/** Starts a run, follows its events from the shared WebSocket, aborts it. */
export function useTestRun() {
  const events = useRunEvents()
  const [runId, setRunId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  // Without a run of our own, show whatever run the bench is doing (started elsewhere, e.g. the CLI of this server).
  const activeId = runId ?? (events[0]?.runId as string | undefined) ?? null
  const progress = useMemo(() => summarizeRun(events, activeId), [events, activeId])
  const start = async (body: StartRunBody) => {
    setStarting(true)
    setError(null)
    try {
      setRunId((await startRun(body)).id)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setStarting(false)
    }
  }
  const abort = async () => {
    if (!activeId) return
    try {
      await abortRun(activeId)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const running = activeId !== null && progress.status === null && events.length > 0
  return { progress, start, abort, error, starting, running, runId: activeId }
}
