import { isFinalRunStatus } from '@dvt/storage/records'
import { useState } from 'react'
import { useRunState } from '../../../lib/use-live'
import { abortRun, type StartRunBody, startRun } from '../api/tests'

/** Starts a run, follows its events from the shared WebSocket, aborts it. */
export function useTestRun() {
  const [runId, setRunId] = useState<string | null>(null)
  // Without a run of our own, follow whatever run the bench is doing (started elsewhere, e.g. another browser).
  const live = useRunState(runId)
  const [error, setError] = useState<string | null>(null)
  const [starting, setStarting] = useState(false)
  const start = async (body: StartRunBody) => {
    setStarting(true)
    setError(null)
    // Follow the newest run until this one's ID comes back (its events usually arrive first).
    setRunId(null)
    try {
      setRunId((await startRun(body)).id)
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setStarting(false)
    }
  }
  const abort = async () => {
    if (!live) return
    try {
      await abortRun(live.state.id)
    } catch (e) {
      setError((e as Error).message)
    }
  }
  const running = live !== null && !isFinalRunStatus(live.state.status)
  return { live, start, abort, error, starting, running }
}
