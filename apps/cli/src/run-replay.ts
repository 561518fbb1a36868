import type { DvtConfig } from '@dvt/config'
import {
  type Divergence,
  formatDivergence,
  type ReplayMode,
  type ReplayProgress,
  type ReplayServer,
  readSessionFile,
  startReplayServer,
} from '@dvt/sessions'
import { resolveStoredRun } from './recorded-session'

/** `dvt run-test <name> --replay <run-id>`: the replay the run is pointed at, on free loopback ports. */
export interface RunReplay {
  readonly runId: string
  readonly test: string
  readonly server: ReplayServer
}

/** How the replay went, once the run has ended. */
export interface ReplayOutcome {
  runId: string
  mode: ReplayMode
  /** Strict: where the test left the recording (a different line, or the recording not served to its end). */
  divergence: Divergence | null
  progress: ReplayProgress
}

export async function startRunReplay(config: DvtConfig, idOrPrefix: string, mode: ReplayMode): Promise<RunReplay> {
  const runId = await resolveStoredRun(config, idOrPrefix)
  const session = await readSessionFile(config.data.measurements_dir, runId)
  const server = await startReplayServer({ session, mode, host: '127.0.0.1' })
  return { runId, test: session.header.test, server }
}

export function replayOutcome(replay: RunReplay): ReplayOutcome {
  const { engine } = replay.server
  return {
    runId: replay.runId,
    mode: engine.mode,
    divergence: engine.mode === 'strict' ? engine.unserved() : engine.divergence,
    progress: engine.progress(),
  }
}

/** What `--json` adds under `replay`. */
export function replayJson(outcome: ReplayOutcome) {
  const d = outcome.divergence
  return {
    run_id: outcome.runId,
    mode: outcome.mode,
    served: outcome.progress.served,
    total: outcome.progress.total,
    approximated: outcome.progress.approximated,
    divergence: d && {
      reason: d.reason,
      instrument: d.role,
      index: d.index,
      of: d.of,
      seq: d.seq,
      expected: d.expected,
      got: d.got,
      ...(d.waited ? { waited: d.waited } : {}),
      message: formatDivergence(d),
    },
  }
}

/** The line under the summary: how much of the recording the run used, or the diff where it left it. */
export function describeReplay(outcome: ReplayOutcome): string {
  if (outcome.divergence) return formatDivergence(outcome.divergence)
  const { served, total, approximated } = outcome.progress
  const note = outcome.mode === 'lenient' ? `, ${approximated} answered from the nearest exchange` : ''
  return `replay of run ${outcome.runId.slice(0, 8)} (${outcome.mode}): ${served} of ${total} recorded exchanges served${note}`
}
